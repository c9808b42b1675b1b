const KEY = 'chanjiao.consortium';

/** The consortium the user worked in last (per browser), so `/` opens it again. */
export const lastConsortium = {
  get: (): string | undefined => localStorage.getItem(KEY) ?? undefined,
  set: (consortiumId: string): void => localStorage.setItem(KEY, consortiumId),
};
