import { useStore } from '../../state/store';
import { percent, sig } from '../common/format';
import { ReadoutList } from '../common/ReadoutList';

/** The latest numbers, as text (also what screen readers and the tests read). */
export function Readouts() {
  const latest = useStore((s) => s.latest);
  const lastEpoch = useStore((s) => s.epochs.at(-1));
  const items: { label: string; value: string; testId: string }[] = [
    { label: 'Step', value: latest ? String(latest.step) : '–', testId: 'readout-step' },
    { label: 'Training loss', value: latest ? sig(latest.loss) : '–', testId: 'readout-loss' },
    { label: 'Validation accuracy', value: lastEpoch ? percent(lastEpoch.valAcc) : '–', testId: 'readout-val-acc' },
    { label: 'Images / s', value: latest && Number.isFinite(latest.ips) ? latest.ips.toFixed(0) : '–', testId: 'readout-ips' },
    { label: 'Learning rate', value: latest ? sig(latest.lr, 3) : '–', testId: 'readout-lr' },
  ];
  return (
    <ReadoutList items={items} />
  );
}
