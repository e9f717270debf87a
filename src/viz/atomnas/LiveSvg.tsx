/** Moved to viz/LiveSvg.tsx (it is not AtomNAS's); kept so the AtomNAS and PAD-NAS charts import it unchanged. */
export { LiveSvg, type LiveSource, type LiveSvgProps } from '../LiveSvg';
