import { TerminalError } from '../../common/api/result.ts';

/** The TerminalError `work` throws; fails the test when it throws nothing or something else. */
export function refusal(work: () => unknown): TerminalError {
  try {
    work();
  } catch (error) {
    if (error instanceof TerminalError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
