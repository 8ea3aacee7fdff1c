import { describe, expect, it } from 'vitest';
import { commandNames } from '../../../common/api/names.ts';
import { commandAccess, lowestRoleWith, operatorRoles, permissions, roleHas, rolePermissions } from '../../../common/permissions.ts';
import { decideAccess } from '../../../main/terminal/authorize.ts';

describe('roles and their permissions', () => {
  it('a cashier sells and voids lines but cannot override a price, discount a line or post-void', () => {
    expect(roleHas('cashier', 'sale.sell')).toBe(true);
    expect(roleHas('cashier', 'line.void')).toBe(true);
    expect(roleHas('cashier', 'price.override')).toBe(false);
    expect(roleHas('cashier', 'line.discount')).toBe(false);
    expect(roleHas('cashier', 'sale.postVoid')).toBe(false);
  });

  it('a supervisor overrides prices but only a manager post-voids, refunds without a receipt, runs the Z report and manages operators', () => {
    expect(roleHas('supervisor', 'price.override')).toBe(true);
    for (const permission of ['sale.postVoid', 'return.noReceipt', 'report.z', 'operator.manage'] as const) {
      expect(roleHas('supervisor', permission)).toBe(false);
      expect(roleHas('manager', permission)).toBe(true);
      expect(lowestRoleWith(permission)).toBe('manager');
    }
    expect(lowestRoleWith('price.override')).toBe('supervisor');
  });

  it('each role holds everything the role below it holds, and a manager holds every permission', () => {
    for (let i = 1; i < operatorRoles.length; i += 1) {
      const lower = operatorRoles[i - 1];
      const higher = operatorRoles[i];
      if (lower === undefined || higher === undefined) throw new Error('roles');
      for (const permission of rolePermissions[lower]) expect(roleHas(higher, permission)).toBe(true);
    }
    expect([...rolePermissions.manager].sort()).toEqual([...permissions].sort());
  });

  it('a cashier returns by receipt alone, but a return without a receipt needs a manager’s approval', () => {
    const cashier = { terminalRole: 'associate', operatorRole: 'cashier', locked: false } as const;
    expect(decideAccess(commandAccess['return.byReceipt'], cashier)).toEqual({ verdict: 'allow' });
    expect(decideAccess(commandAccess['return.noReceipt'], cashier)).toEqual({ verdict: 'approval', permission: 'return.noReceipt' });
    expect(decideAccess(commandAccess['return.noReceipt'], { ...cashier, operatorRole: 'supervisor' })).toEqual({ verdict: 'approval', permission: 'return.noReceipt' });
    expect(decideAccess(commandAccess['return.noReceipt'], { ...cashier, operatorRole: 'manager' })).toEqual({ verdict: 'allow' });
    // Returns are taken at a staffed lane: a self-checkout shopper is refused outright.
    for (const command of ['return.byReceipt', 'return.noReceipt', 'return.lookup'] as const) {
      expect(decideAccess(commandAccess[command], { terminalRole: 'self-checkout', operatorRole: null, locked: false })).toMatchObject({ verdict: command === 'return.noReceipt' ? 'approval' : 'refuse' });
    }
  });

  it('every command of the contract says what it needs', () => {
    expect(Object.keys(commandAccess).sort()).toEqual([...commandNames].sort());
  });
});

describe('the access decision every command goes through', () => {
  const cashierAtLane = { terminalRole: 'associate', operatorRole: 'cashier', locked: false } as const;

  it('a cashier cannot override a price or post-void without a step-up approval naming the permission', () => {
    expect(decideAccess('price.override', cashierAtLane)).toEqual({ verdict: 'approval', permission: 'price.override' });
    expect(decideAccess('sale.postVoid', cashierAtLane)).toEqual({ verdict: 'approval', permission: 'sale.postVoid' });
    expect(decideAccess('sale.sell', cashierAtLane)).toEqual({ verdict: 'allow' });
  });

  it('the associate and attendant roles need a signed-in operator for everything but public commands', () => {
    for (const terminalRole of ['associate', 'attendant'] as const) {
      const nobody = { terminalRole, operatorRole: null, locked: false };
      expect(decideAccess('sale.sell', nobody)).toMatchObject({ verdict: 'refuse', code: 'SIGN_IN_REQUIRED' });
      expect(decideAccess('signed-in', nobody)).toMatchObject({ verdict: 'refuse', code: 'SIGN_IN_REQUIRED' });
      expect(decideAccess('public', nobody)).toEqual({ verdict: 'allow' });
    }
  });

  it('a locked lane refuses even a manager until it is unlocked', () => {
    expect(decideAccess('sale.sell', { terminalRole: 'associate', operatorRole: 'manager', locked: true })).toMatchObject({ verdict: 'refuse', code: 'LANE_LOCKED' });
    expect(decideAccess('public', { terminalRole: 'associate', operatorRole: 'manager', locked: true })).toEqual({ verdict: 'allow' });
  });

  it('a shopper at self-checkout shops without signing in, and needs an attendant for anything else', () => {
    const shopper = { terminalRole: 'self-checkout', operatorRole: null, locked: false } as const;
    expect(decideAccess('sale.sell', shopper)).toEqual({ verdict: 'allow' });
    expect(decideAccess('basket.void', shopper)).toEqual({ verdict: 'allow' });
    expect(decideAccess('price.override', shopper)).toEqual({ verdict: 'approval', permission: 'price.override' });
    // The screen cannot declare cash paid (or open a drawer shift) by itself: an attendant approves.
    for (const command of ['tender.cash', 'shift.open'] as const) {
      expect(decideAccess(commandAccess[command], shopper)).toEqual({ verdict: 'approval', permission: 'cash.take' });
      expect(decideAccess(commandAccess[command], { terminalRole: 'associate', operatorRole: 'cashier', locked: false })).toEqual({ verdict: 'allow' });
    }
    expect(decideAccess('signed-in', shopper)).toMatchObject({ verdict: 'refuse', code: 'SIGN_IN_REQUIRED' });
  });

  it('a gate sells nothing and has nobody to approve', () => {
    expect(decideAccess('sale.sell', { terminalRole: 'gate', operatorRole: null, locked: false })).toMatchObject({ verdict: 'refuse', code: 'FORBIDDEN' });
    expect(decideAccess('public', { terminalRole: 'gate', operatorRole: null, locked: false })).toEqual({ verdict: 'allow' });
  });
});
