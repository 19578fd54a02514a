import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';

export interface FleetLoaderProps {
  busy: boolean;
  initialUrl: string;
  onFiles(files: File[]): void;
  onReceiver(url: string, authorization: string): void;
}

/** Where reports come from: files (several, or a folder), drag and drop, or the receiver's URL. */
export function FleetLoader({ busy, initialUrl, onFiles, onReceiver }: FleetLoaderProps) {
  const { t } = useI18n();
  const [url, setUrl] = useState(initialUrl);
  const [auth, setAuth] = useState('');
  const [over, setOver] = useState(false);
  const picked = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    onFiles([...(input.files ?? [])]);
    input.value = '';
  };
  return (
    <section class={`fleet-loader${over ? ' drop-over' : ''}`} aria-busy={busy}
      onDragOver={(e) => { e.preventDefault(); setOver(true); }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => { e.preventDefault(); setOver(false); onFiles([...(e.dataTransfer?.files ?? [])]); }}>
      <label>
        {t('fleet_files')}
        <input id="fleet-files" type="file" multiple accept=".json,.ndjson,.jsonl,application/json" onChange={picked} disabled={busy} />
      </label>
      <label>
        {t('fleet_folder')}
        {/* webkitdirectory: Chrome and Firefox both support it for picking a folder. */}
        <input id="fleet-folder" type="file" {...{ webkitdirectory: true }} onChange={picked} disabled={busy} />
      </label>
      <p class="drop-hint">{t('fleet_drop')}</p>
      <form onSubmit={(e) => { e.preventDefault(); onReceiver(url, auth); }}>
        <label>
          {t('fleet_receiverUrl')}
          <input id="fleet-url" type="url" value={url} placeholder="http://127.0.0.1:8787" onInput={(e) => setUrl(e.currentTarget.value)} />
        </label>
        <label>
          {t('fleet_receiverAuth')}
          <input id="fleet-auth" type="password" autocomplete="off" value={auth} onInput={(e) => setAuth(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={busy || !url}>{t('fleet_receiverLoad')}</button>
      </form>
      {busy ? <p role="status">{t('fleet_loading')}</p> : null}
    </section>
  );
}
