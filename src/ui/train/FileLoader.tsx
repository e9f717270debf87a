import { useRef, useState } from 'react';

/** "Load your own data": a file picker and a drop zone (IDX pairs, .gz too, or CIFAR-10 .bin batches). */
export function FileLoader({ disabled, onFiles }: { disabled: boolean; onFiles: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  return (
    <div
      className={`drop-zone${over ? ' drop-over' : ''}`}
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const files = Array.from(e.dataTransfer.files);
        if (files.length && !disabled) onFiles(files);
      }}
    >
      <button type="button" className="button" disabled={disabled} onClick={() => input.current?.click()}>
        Load your own data
      </button>
      <span className="muted small">or drop files here</span>
      <input
        ref={input}
        type="file"
        multiple
        className="visually-hidden"
        aria-label="Choose dataset files"
        data-testid="file-input"
        accept=".gz,.idx,.idx1-ubyte,.idx3-ubyte,.ubyte,.bin,application/gzip,application/octet-stream"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length) onFiles(files);
        }}
      />
      <p className="muted small drop-help">
        Accepted: an IDX image file + IDX label file (MNIST format, gzipped or not), or CIFAR-10 binary batches (<code>data_batch_*.bin</code>).
        Files are read on your device and never uploaded.
      </p>
    </div>
  );
}
