// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { renderComponent } from '../tests/unit/render-component';
import { ProgressBar } from './progress-bar';

// Issue 20 point 3: the count says how many services have a verdict, the bar moves with every
// check (a service's verdict waits for all of them), and neither says more than is true.
let unmount = () => {};
afterEach(() => unmount());
const bar = (root: HTMLElement) => root.querySelector<HTMLElement>('[role="progressbar"]');

describe('ProgressBar', () => {
  it('fills with the checks done while the count stays with the verdicts', async () => {
    const r = await renderComponent(<ProgressBar done={3} total={40} progress={10.25} />);
    unmount = r.unmount;
    expect(r.root.textContent).toContain('3 of 40 services checked');
    expect(bar(r.root)?.getAttribute('aria-valuenow')).toBe('10.3');
    expect(bar(r.root)?.getAttribute('aria-valuetext')).toBe('3 of 40 services checked');
    expect(bar(r.root)?.querySelector<HTMLElement>('.progress-fill')?.style.width).toBe('25.6%');
  });

  it('is never behind the count nor past the end', async () => {
    const behind = await renderComponent(<ProgressBar done={5} total={10} progress={2} />);
    expect(bar(behind.root)?.getAttribute('aria-valuenow')).toBe('5');
    behind.unmount();
    const past = await renderComponent(<ProgressBar done={10} total={10} progress={12} />);
    unmount = past.unmount;
    expect(bar(past.root)?.getAttribute('aria-valuenow')).toBe('10');
    expect(bar(past.root)?.querySelector<HTMLElement>('.progress-fill')?.style.width).toBe('100.0%');
  });

  it('without a check count, fills with the verdicts (an audit stored before checks were counted)', async () => {
    const r = await renderComponent(<ProgressBar done={4} total={8} />);
    unmount = r.unmount;
    expect(bar(r.root)?.getAttribute('aria-valuenow')).toBe('4');
  });
});
