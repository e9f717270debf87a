/** The Export model action shared by every screen: ask the worker, download the three files, show the check. */
import { useState } from 'react';
import type { ExportedModel } from '../../worker/protocol';
import { downloadFiles } from './download';
import { describeExportCheck } from './exportCheck';
import { modelFiles, type ModelFormat } from './modelFiles';

/** Asks the worker for a screen's own result network. */
export type ExportFn = () => Promise<ExportedModel>;

export function useExportModel(exportModel: ExportFn) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [format, setFormat] = useState<ModelFormat>('tfjs');
  const run = async () => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const a = await exportModel();
      // tfjs: model.json + model.weights.bin; ONNX (opset 13) converted from those files; PyTorch source from the ArchSpec.
      await downloadFiles(modelFiles(format, a.archSpec, { modelJson: a.modelJson, weights: a.weightData }));
      setStatus(describeExportCheck(a.check));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, run, error, status, format, setFormat };
}

/** The export's error or its check, under the buttons. */
export function ExportStatus({ error, status }: { error: string | null; status: { ok: boolean; text: string } | null }) {
  if (error)
    return (
      <p className="error-text" role="alert">
        Export failed: {error}
      </p>
    );
  if (status)
    return (
      <p className={status.ok ? 'muted small' : 'error-text'} role="status" data-testid="export-check">
        {status.text}
      </p>
    );
  return null;
}
