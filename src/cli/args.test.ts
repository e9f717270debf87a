import { describe, expect, it } from 'vitest';
import { describeRange, formatFlagHelp, parseFlags, splitCommand, UsageError, type FlagSpec } from './args';

const specs: FlagSpec[] = [
  { name: 'epochs', type: 'int', default: 5, min: 1, max: 1000, help: 'epochs' },
  { name: 'lr', type: 'number', default: 0.1, min: 0, max: 10, minExclusive: true, help: 'lr' },
  { name: 'optimizer', type: 'enum', default: 'sgd', choices: ['sgd', 'adam'], help: 'opt' },
  { name: 'tiny', type: 'boolean', default: false, help: 'tiny' },
  { name: 'out', type: 'string', help: 'output' },
];

describe('parseFlags', () => {
  it('applies defaults and parses every form', () => {
    expect(parseFlags([], specs)).toEqual({ epochs: 5, lr: 0.1, optimizer: 'sgd', tiny: false });
    expect(parseFlags(['--epochs', '3', '--lr=1e-2', '--optimizer', 'adam', '--tiny', '--out', 'r.json'], specs)).toEqual({
      epochs: 3,
      lr: 0.01,
      optimizer: 'adam',
      tiny: true,
      out: 'r.json',
    });
    expect(parseFlags(['--tiny', 'false'], specs).tiny).toBe(false);
    expect(parseFlags(['--tiny=true', '--epochs', '2'], specs)).toMatchObject({ tiny: true, epochs: 2 });
    expect(parseFlags(['--lr', '-0'], [{ name: 'lr', type: 'number', min: -1, max: 1, help: '' }]).lr).toBe(-0);
  });

  it('rejects out-of-range and malformed values naming the flag and the range', () => {
    expect(() => parseFlags(['--epochs', '0'], specs)).toThrow("--epochs must be an integer in [1, 1000], got '0'");
    expect(() => parseFlags(['--epochs', '2.5'], specs)).toThrow(/--epochs must be an integer/);
    expect(() => parseFlags(['--epochs', ''], specs)).toThrow(/--epochs must be an integer/);
    expect(() => parseFlags(['--epochs', '3x'], specs)).toThrow(/got '3x'/);
    expect(() => parseFlags(['--lr', '0'], specs)).toThrow("--lr must be a number in (0, 10], got '0'");
    expect(() => parseFlags(['--lr', 'Infinity'], specs)).toThrow(/--lr/);
    expect(() => parseFlags(['--optimizer', 'lion'], specs)).toThrow("--optimizer must be one of sgd, adam, got 'lion'");
    expect(() => parseFlags(['--tiny=maybe'], specs)).toThrow(/--tiny must be true or false/);
  });

  it('rejects unknown flags, missing values, repeats and positional arguments', () => {
    expect(() => parseFlags(['--bogus', '1'], specs, 'train')).toThrow(/unknown flag --bogus for 'train'; known flags: --epochs/);
    expect(() => parseFlags(['--epochs'], specs)).toThrow('--epochs needs a value: an integer in [1, 1000]');
    expect(() => parseFlags(['--epochs', '--lr', '1'], specs)).toThrow(/--epochs needs a value/);
    expect(() => parseFlags(['--epochs', '1', '--epochs', '2'], specs)).toThrow(/given twice/);
    expect(() => parseFlags(['stray'], specs)).toThrow(/unexpected argument 'stray'/);
    expect(() => parseFlags(['--epochs', '0'], specs)).toThrow(UsageError);
  });

  it('splits the command and formats help', () => {
    expect(splitCommand(['train', '--epochs', '1'])).toEqual({ command: 'train', rest: ['--epochs', '1'] });
    expect(splitCommand([])).toEqual({ command: undefined, rest: [] });
    expect(describeRange(specs[0])).toBe('an integer in [1, 1000]');
    expect(formatFlagHelp(specs)).toMatch(/--epochs .*an integer in \[1, 1000\] \(default 5\)/);
  });
});
