import { useCallback } from 'react';
import type { ScanSource } from '../../../common/api/contract.ts';
import { useTerminalCommand } from '../api/hooks.ts';

/** Where a scan goes: into the basket at a lane, to the gate's check at a gate. */
export type ScanTarget = 'basket' | 'gate';

/**
 * One way in for every scan the renderer reads itself (keyboard wedge, camera): the same validated
 * command main gets from a hardware scanner. Main refuses what does not fit and says why.
 */
export function useScanSubmit(target: ScanTarget): (code: string, source: ScanSource) => void {
  // At a gate, the gate screen shows every outcome itself; a notice on top would say it twice.
  const run = useTerminalCommand({ quiet: target === 'gate' });
  return useCallback(
    (code, source) => {
      if (target === 'gate') void run('gate.present', { code, source });
      else void run('basket.scan', { code, source });
    },
    [run, target],
  );
}
