/** The lesson editor's controls, one look for all of them. */
const RING = 'focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:outline-none';

export const FIELD = `mt-0.5 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-[14px] text-slate-900 ${RING}`;
export const SECONDARY = `h-9 rounded-md border border-slate-300 bg-white px-3 text-[14px] font-medium text-slate-800 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50 ${RING}`;
export const PRIMARY = `h-9 rounded-md border border-sky-700 bg-sky-700 px-3 text-[14px] font-medium text-white hover:bg-sky-800 disabled:cursor-not-allowed disabled:opacity-50 ${RING}`;
export const SMALL = `h-8 rounded-md border border-slate-300 bg-white px-2.5 text-[13px] font-medium text-slate-800 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50 ${RING}`;
