/** Button styles shared by the scenario dialogs and menu. */
export const buttonStyles = {
  primary:
    'h-9 rounded-md bg-sky-600 px-4 text-[14px] font-semibold text-white shadow-sm hover:bg-sky-700 focus-visible:ring-2 focus-visible:ring-sky-300 focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-50',
  secondary:
    'h-9 rounded-md border border-slate-300 bg-white px-3.5 text-[14px] font-medium text-slate-800 shadow-xs hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-sky-300 focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-50',
  headerPrimary:
    'h-8 rounded-md bg-sky-600 px-3.5 text-[13px] font-semibold text-white shadow-sm hover:bg-sky-700 focus-visible:ring-2 focus-visible:ring-sky-300 focus-visible:outline-none',
  header:
    'h-8 rounded-md border border-slate-300 bg-white px-3 text-[13px] font-medium text-slate-800 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-sky-300 focus-visible:outline-none',
} as const;
