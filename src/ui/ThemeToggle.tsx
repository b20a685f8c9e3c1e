import { LineIcon } from './LineIcon.tsx';

/** Switches between the light and the dark theme (the system's choice until pressed). */
export function ThemeToggle({
  theme,
  onChange,
}: {
  readonly theme: 'light' | 'dark';
  readonly onChange: (theme: 'light' | 'dark') => void;
}) {
  const dark = theme === 'dark';
  return (
    <button
      type="button"
      aria-label="Dark theme"
      aria-pressed={dark}
      title={dark ? 'Switch to the light theme' : 'Switch to the dark theme'}
      onClick={() => onChange(dark ? 'light' : 'dark')}
      className="grid h-8 w-8 shrink-0 place-items-center rounded-md border border-slate-200 text-slate-700 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:outline-none"
    >
      <LineIcon>
        {dark ? (
          <path
            d="M13.5 9.5A5.5 5.5 0 0 1 6.5 2.5a5.5 5.5 0 1 0 7 7z"
            fill="currentColor"
            fillOpacity="0.2"
          />
        ) : (
          <>
            <circle cx="8" cy="8" r="3" />
            <path d="M8 1.5v1.5M8 13v1.5M1.5 8H3M13 8h1.5M3.4 3.4l1 1M11.6 11.6l1 1M3.4 12.6l1-1M11.6 4.4l1-1" />
          </>
        )}
      </LineIcon>
    </button>
  );
}
