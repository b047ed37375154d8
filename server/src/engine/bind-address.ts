/** Whether redis-server could listen on a bind address, judged from the address alone. */

/** 'ok' for addresses any Linux host can listen on, 'unverifiable' when it depends on the machine, 'invalid' when no machine can. */
export function classifyBindAddress(addr: string): 'ok' | 'unverifiable' | 'invalid' {
  if (addr === '*' || addr === '::*' || addr === '0.0.0.0' || addr === '::' || addr === '::1' || addr === 'localhost') return 'ok';
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(addr);
  if (v4) {
    if (v4.slice(1).some(x => Number(x) > 255)) return 'invalid';
    return v4[1] === '127' ? 'ok' : 'unverifiable';
  }
  if (/^[0-9a-fA-F:]+(%[A-Za-z0-9]+)?$/.test(addr) && addr.includes(':')) return 'unverifiable';
  if (/^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(addr)) return 'unverifiable';
  return 'invalid';
}
