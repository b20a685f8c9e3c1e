import { useState, type KeyboardEvent } from 'react';

/**
 * A roving tab stop over a grid of cells (the WAI-ARIA grid pattern): the grid is one Tab stop,
 * the arrows move between cells, Home and End go to the row's ends, Ctrl+Home and Ctrl+End to
 * the grid's corners. Cells are the elements carrying `data-cell="row:col"` inside the element
 * that gets `onKeyDown`.
 */
export function useRovingGrid(rows: number, cols: number) {
  const [active, setActive] = useState({ row: 0, col: 0 });
  const row = Math.min(active.row, Math.max(rows - 1, 0));
  const col = Math.min(active.col, Math.max(cols - 1, 0));

  const focusCell = (grid: HTMLElement, r: number, c: number) => {
    const next = {
      row: Math.max(0, Math.min(rows - 1, r)),
      col: Math.max(0, Math.min(cols - 1, c)),
    };
    setActive(next);
    grid.querySelector<HTMLElement>(`[data-cell="${next.row}:${next.col}"]`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const grid = event.currentTarget;
    const moves: Record<string, () => void> = {
      ArrowUp: () => focusCell(grid, row - 1, col),
      ArrowDown: () => focusCell(grid, row + 1, col),
      ArrowLeft: () => focusCell(grid, row, col - 1),
      ArrowRight: () => focusCell(grid, row, col + 1),
      Home: () => focusCell(grid, event.ctrlKey ? 0 : row, 0),
      End: () => focusCell(grid, event.ctrlKey ? rows - 1 : row, cols - 1),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    move();
  };

  return {
    onKeyDown,
    /** 0 for the one cell the Tab key lands on, -1 for the others. */
    tabIndexOf: (r: number, c: number) => (r === row && c === col ? 0 : -1),
    /** A cell focused by a click or the pointer becomes the tab stop. */
    onCellFocus: (r: number, c: number) => {
      if (r !== row || c !== col) setActive({ row: r, col: c });
    },
  };
}
