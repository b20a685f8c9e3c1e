/**
 * Lets a file dropped on the canvas be imported: Kubernetes YAML or a PodPath scenario file.
 * Only file drags are taken; everything else passes through to the canvas.
 */
import { useState, type DragEvent, type ReactNode } from 'react';
import { ImportDialog } from './lazyDialogs.ts';

const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

export function CanvasDropZone({ children }: { readonly children: ReactNode }) {
  const [hovering, setHovering] = useState(false);
  const [dropped, setDropped] = useState<File | null>(null);
  return (
    <div
      className="relative h-full"
      onDragOver={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setHovering(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setHovering(false);
      }}
      onDrop={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        setHovering(false);
        const file = event.dataTransfer.files[0];
        if (file) setDropped(file);
      }}
    >
      {children}
      {hovering && (
        <div className="pointer-events-none absolute inset-3 z-20 grid place-items-center rounded-xl border-2 border-dashed border-sky-500 bg-sky-50/80 text-[15px] font-medium text-sky-900">
          Drop Kubernetes YAML or a PodPath scenario file to open it
        </div>
      )}
      {dropped && (
        <ImportDialog
          key={dropped.name + dropped.lastModified}
          file={dropped}
          onClose={() => setDropped(null)}
        />
      )}
    </div>
  );
}
