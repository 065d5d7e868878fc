import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fingerprint, isEncryptionPublicKey, type EncryptionPublicKey } from '../../shared/batch-file';
import { planSplit } from '../../shared/coordination';
import type { DeviceEncryptionKey, SettingsPatch } from '../../shared/settings';
import { devicePublicKey, newDeviceEncryptionKey } from '../app/encryption-key';
import type { Platform } from '../platform';
import type { LoupeDatabase } from '../storage';
import { useDeskAction } from './actions';
import { savePlan, type DeskData } from './desk-data';
import { publishToServer } from './publish';
import {
  encryptionKeyProblem,
  loadAttachments,
  planRecord,
  rememberKey,
  rememberedKey,
  reviewerFile,
  signingKeyFrom,
  wholeBatchFile,
  type EncryptionKeyProblem,
  type HandOutSource,
  type SigningKey,
} from './hand-out';
import { DESK_KEYS, Keys } from './keys';

interface Row {
  key: number;
  id: string;
  name: string;
  count: string;
  /** The reviewer's public encryption key as pasted; empty for a file that is not encrypted. */
  publicKey: string;
}

export interface HandOutProps {
  db: LoupeDatabase;
  platform: Platform;
  data: DeskData;
  /** This device's encryption key (settings): files ask for results encrypted to its public half. */
  encryptionKey?: DeviceEncryptionKey | null;
  /** Changes the settings; without it the desk cannot make an encryption key. */
  onApplySettings?: (patch: SettingsPatch) => void;
  announce: (text: string) => void;
  onError: (error: unknown) => void;
  onPlanSaved: () => void;
  /** The batch went to the sync server: sync now, so that work already here follows it. */
  onPublished?: () => void;
  /** The sync server's address, or null when none is set. */
  server?: string | null;
  /** Whether this batch is on that server already, and as which revision. */
  publishedRevision?: number | null;
}

let nextRowKey = 0;
const newRow = (id = '', name = '', count = '', publicKey = ''): Row => ({ key: nextRowKey++, id, name, count, publicKey });

/** Cutting the batch among named reviewers and writing one `.loupe` per reviewer (or the whole batch). */
export function HandOut({ db, platform, data, encryptionKey = null, onApplySettings, announce, onError, onPlanSaved, onPublished, server = null, publishedRevision = null }: HandOutProps) {
  const { t, i18n } = useTranslation(['desk', 'sync']);
  const { batch, plan: saved } = data;
  const [rows, setRows] = useState<Row[]>(() => (saved ? saved.reviewers.map((r) => newRow(r.id, r.name, String(r.itemIds.length - saved.overlap), r.encryptionKey ?? '')) : [newRow()]));
  const [byCount, setByCount] = useState(saved?.counts != null);
  const [overlap, setOverlap] = useState(String(saved?.overlap ?? 0));
  const [key, setKey] = useState<{ key: SigningKey; text: string | null } | null>(null);
  const [remember, setRemember] = useState(false);
  const [keyError, setKeyError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; name: string } | null>(null);
  const [exportProblem, setExportProblem] = useState<string | null>(null);
  const [creatingKey, setCreatingKey] = useState(false);
  const keyInput = useRef<HTMLInputElement>(null);
  const table = useRef<HTMLTableElement>(null);
  const focusRow = useRef<number | null>(null);
  const ids = { overlap: useId(), problem: useId(), plan: useId(), exportProblem: useId(), publishHint: useId() };
  const number = new Intl.NumberFormat(i18n.language);

  useEffect(() => {
    let live = true;
    rememberedKey(db).then((k) => {
      if (live && k) {
        setKey({ key: k, text: null });
        setRemember(true);
      }
    }, onError);
    return () => {
      live = false;
    };
  }, [db, onError]);

  useEffect(() => {
    if (focusRow.current === null) return;
    table.current?.querySelectorAll<HTMLInputElement>('input[data-first]')[focusRow.current]?.focus();
    focusRow.current = null;
  }, [rows]);

  const current = useMemo(() => data.items.filter((i) => !data.withdrawn.has(i.id)), [data.items, data.withdrawn]);
  const itemIds = useMemo(() => current.map((i) => i.id), [current]);
  const overlapNumber = overlap.trim() === '' ? 0 : Number(overlap);
  const reviewers = rows.map((r) => ({ id: r.id.trim(), name: r.name.trim() || r.id.trim() }));
  const plan = planSplit(itemIds, {
    reviewers,
    overlap: overlapNumber,
    ...(byCount ? { counts: rows.map((r) => (r.count.trim() === '' ? 0 : Number(r.count))) } : {}),
  });
  const busy = progress !== null;
  const returnTo = devicePublicKey({ encryptionKey });
  /** Per row: the reviewer's key when one is given and usable, or why it is not. */
  const rowKeys = rows.map((r): { key: EncryptionPublicKey } | { problem: EncryptionKeyProblem } | null => {
    const text = r.publicKey.trim();
    if (text === '') return null;
    if (isEncryptionPublicKey(text)) return { key: text };
    return { problem: encryptionKeyProblem(text) ?? 'invalid' };
  });
  const keyById = new Map<string, EncryptionPublicKey>();
  rows.forEach((r, i) => {
    const k = rowKeys[i];
    if (k && 'key' in k) keyById.set(r.id.trim(), k.key);
  });
  const problemById = new Map<string, EncryptionKeyProblem>();
  rows.forEach((r, i) => {
    const k = rowKeys[i];
    if (k && 'problem' in k) problemById.set(r.id.trim(), k.problem);
  });
  const keyInvalid = (i: number) => {
    const k = rowKeys[i];
    return k != null && 'problem' in k;
  };
  /** The first row whose key cannot be used, named as the table names it, with the reason; null when all can. */
  const keyMessage = (): string | null => {
    const i = rows.findIndex((_, n) => keyInvalid(n));
    if (i < 0) return null;
    const k = rowKeys[i] as { problem: EncryptionKeyProblem };
    const id = rows[i]!.id.trim();
    return t(`handOut.keyProblem.${k.problem}`, { row: id ? t('handOut.rowNamed', { n: i + 1, id }) : t('handOut.row', { n: i + 1 }) });
  };

  const update = (index: number, patch: Partial<Row>) => {
    if (patch.publicKey !== undefined) setExportProblem(null);
    setRows((list) => list.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  };
  const addRow = () => {
    focusRow.current = rows.length;
    setRows((list) => [...list, newRow()]);
  };
  const removeRow = (index: number) => {
    focusRow.current = Math.max(0, Math.min(index, rows.length - 2));
    setRows((list) => (list.length > 1 ? list.filter((_, i) => i !== index) : [newRow()]));
  };

  const source = async (): Promise<HandOutSource> => ({ batch, schema: data.schema, items: current, attachments: await loadAttachments(db, batch.id) });

  const exportFiles = async () => {
    if (!plan.ok || busy) return;
    // A key that cannot be used stops the export before any file is written: a file meant to be
    // encrypted must never go out in the clear.
    const wrong = keyMessage();
    setExportProblem(wrong);
    if (wrong) {
      announce(wrong);
      return;
    }
    const total = plan.assignments.length;
    setProgress({ done: 0, total, name: '' });
    try {
      const from = await source();
      let done = 0;
      for (const a of plan.assignments) {
        setProgress({ done, total, name: a.reviewer.name });
        const file = await reviewerFile(from, a, { key: key?.key ?? null, encryptTo: keyById.get(a.reviewer.id), returnTo: returnTo ?? undefined });
        const result = await platform.saveFile(file);
        if (!result.saved) {
          announce(t('handOut.cancelled', { count: done, total }));
          return;
        }
        done += 1;
      }
      await savePlan(db, batch.id, planRecord(batch, plan, { overlap: overlapNumber, counts: byCount ? rows.map((r) => Number(r.count) || 0) : null, encryptionKeys: keyById }, new Date()));
      const encrypted = plan.assignments.filter((a) => keyById.has(a.reviewer.id)).length;
      announce(encrypted > 0 ? `${t('handOut.saved', { count: done })} ${t('handOut.savedEncrypted', { count: encrypted })}` : t('handOut.saved', { count: done }));
      onPlanSaved();
    } catch (error) {
      onError(error);
    } finally {
      setProgress(null);
    }
  };

  const publish = async () => {
    if (!plan.ok || busy || server === null) return;
    setProgress({ done: 0, total: 1, name: batch.name });
    try {
      const result = await publishToServer(db, platform, data, plan.assignments);
      if (!result.ok) {
        setExportProblem(result.message);
        announce(result.message);
        return;
      }
      setExportProblem(null);
      await savePlan(db, batch.id, planRecord(batch, plan, { overlap: overlapNumber, counts: byCount ? rows.map((r) => Number(r.count) || 0) : null, encryptionKeys: keyById }, new Date()));
      announce(result.outcome === 'unchanged' ? t('sync:publish.unchanged') : t('sync:publish.published', { revision: result.revision }));
      onPlanSaved();
      onPublished?.();
    } catch (error) {
      onError(error);
    } finally {
      setProgress(null);
    }
  };

  const exportWhole = async () => {
    if (busy) return;
    setProgress({ done: 0, total: 1, name: batch.name });
    try {
      const file = await wholeBatchFile(await source(), plan.ok ? plan.assignments.map((a) => a.reviewer) : [], { key: key?.key ?? null, returnTo: returnTo ?? undefined });
      const result = await platform.saveFile(file);
      announce(result.saved ? t('handOut.savedWhole', { file: file.suggestedName }) : t('handOut.cancelled', { count: 0, total: 1 }));
    } catch (error) {
      onError(error);
    } finally {
      setProgress(null);
    }
  };

  const chooseKey = async (file: File) => {
    const text = await file.text();
    const read = signingKeyFrom(text, file.name);
    if (!read.ok) {
      setKeyError(read.message);
      return;
    }
    setKeyError(null);
    setKey({ key: read.key, text });
    if (remember) await rememberKey(db, text);
  };

  const setRemembered = (on: boolean) => {
    setRemember(on);
    // Forgetting takes effect at once; remembering needs the key file's text, which is at hand only
    // right after choosing it.
    if (!on) rememberKey(db, null).catch(onError);
    else if (key?.text) rememberKey(db, key.text).catch(onError);
  };

  const createKey = () => {
    if (!onApplySettings || encryptionKey || creatingKey) return;
    setCreatingKey(true);
    onApplySettings({ encryptionKey: newDeviceEncryptionKey() });
  };

  useDeskAction('addReviewer', addRow);
  useDeskAction('sign', () => keyInput.current?.click());
  useDeskAction('exportFiles', () => void exportFiles());
  useDeskAction('exportWhole', () => void exportWhole());
  useDeskAction('publish', () => void publish());

  return (
    <section className="desk-section" aria-labelledby="desk-hand-out">
      <h2 id="desk-hand-out">{t('handOut.title')}</h2>
      <p className="muted">{t('handOut.about')}</p>
      {saved && (
        <p>
          {t('handOut.lastPlan', {
            date: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(saved.madeAt)),
            reviewers: saved.reviewers.length,
            overlap: saved.overlap,
          })}
        </p>
      )}
      <table ref={table} className="desk-table">
        <caption>{t('handOut.reviewers')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('handOut.id')}</th>
            <th scope="col">{t('handOut.name')}</th>
            {byCount && <th scope="col">{t('handOut.count')}</th>}
            <th scope="col">{t('handOut.publicKey')}</th>
            <th scope="col">
              <span className="loupe-visually-hidden">{t('handOut.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.key}>
              <td>
                <input data-first="" aria-label={t('handOut.idLabel', { n: i + 1 })} value={row.id} spellCheck={false} onChange={(e) => update(i, { id: e.target.value })} />
              </td>
              <td>
                <input
                  aria-label={t('handOut.nameLabel', { n: i + 1 })}
                  value={row.name}
                  onChange={(e) => update(i, { name: e.target.value })}
                  onKeyDown={(e) => {
                    // Enter in the last name adds the next reviewer, so a list is typed without the mouse.
                    if (e.key === 'Enter' && !byCount && i === rows.length - 1) {
                      e.preventDefault();
                      addRow();
                    }
                  }}
                />
              </td>
              {byCount && (
                <td>
                  <input
                    type="number"
                    min={0}
                    step={1}
                    aria-label={t('handOut.countLabel', { n: i + 1 })}
                    value={row.count}
                    onChange={(e) => update(i, { count: e.target.value })}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' && i === rows.length - 1) {
                        e.preventDefault();
                        addRow();
                      }
                    }}
                  />
                </td>
              )}
              <td>
                <input
                  className="desk-key-input"
                  aria-label={t('handOut.publicKeyLabel', { n: i + 1 })}
                  value={row.publicKey}
                  placeholder="loupe-x25519:…"
                  spellCheck={false}
                  autoComplete="off"
                  aria-invalid={keyInvalid(i) || undefined}
                  onChange={(e) => update(i, { publicKey: e.target.value })}
                />
              </td>
              <td>
                <button type="button" aria-label={t('handOut.removeLabel', { n: i + 1 })} onClick={() => removeRow(i)}>
                  {t('handOut.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('handOut.publicKeyAbout')}</p>
      <p className="desk-actions">
        <button type="button" onClick={addRow} aria-keyshortcuts={DESK_KEYS.addReviewer.aria}>
          {t('handOut.add')} <Keys keys={DESK_KEYS.addReviewer.label} />
        </button>
      </p>

      <fieldset className="desk-fieldset">
        <legend>{t('handOut.split')}</legend>
        <label>
          <input type="radio" name="desk-split" checked={!byCount} onChange={() => setByCount(false)} /> {t('handOut.even')}
        </label>
        <label>
          <input type="radio" name="desk-split" checked={byCount} onChange={() => setByCount(true)} /> {t('handOut.byCount')}
        </label>
      </fieldset>
      <p>
        <label htmlFor={ids.overlap}>{t('handOut.overlap')}</label>{' '}
        <input id={ids.overlap} type="number" min={0} step={1} value={overlap} onChange={(e) => setOverlap(e.target.value)} aria-describedby={plan.ok ? undefined : ids.problem} />
      </p>

      <h3 id={ids.plan}>{t('handOut.plan')}</h3>
      {plan.ok ? (
        <table className="desk-table" aria-labelledby={ids.plan}>
          <caption className="loupe-visually-hidden">{t('handOut.planCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('handOut.reviewer')}</th>
              <th scope="col">{t('handOut.items')}</th>
              <th scope="col">{t('handOut.overlapItems')}</th>
              <th scope="col">{t('handOut.own')}</th>
              <th scope="col">{t('handOut.file')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.assignments.map((a) => (
              <tr key={a.reviewer.id}>
                <th scope="row">
                  {a.reviewer.name} <span className="muted">({a.reviewer.id})</span>
                </th>
                <td>{number.format(a.itemIds.length)}</td>
                <td>{number.format(plan.overlapIds.length)}</td>
                <td>{number.format(a.itemIds.length - plan.overlapIds.length)}</td>
                <td>
                  {keyById.has(a.reviewer.id)
                    ? t('handOut.encryptedTo', { fingerprint: fingerprint(keyById.get(a.reviewer.id)!) })
                    : problemById.has(a.reviewer.id)
                      ? t('handOut.keyNotValid')
                      : t('handOut.notEncrypted')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p id={ids.problem} className="desk-problem">
          {t('handOut.problem', { message: plan.message })}
        </p>
      )}

      <div className="desk-signing">
        {returnTo ? (
          <p>{t('handOut.returnTo', { fingerprint: fingerprint(returnTo) })}</p>
        ) : (
          <>
            <p>{t('handOut.noReturnTo')}</p>
            {onApplySettings && (
              <p className="desk-actions">
                <button type="button" onClick={createKey} aria-disabled={creatingKey || undefined}>
                  {t('handOut.createKey')}
                </button>
              </p>
            )}
          </>
        )}
        <p>{key ? t('handOut.signing', { name: key.key.name || key.key.fingerprint, fingerprint: key.key.fingerprint }) : t('handOut.unsigned')}</p>
        <p className="desk-actions">
          <button type="button" onClick={() => keyInput.current?.click()} aria-keyshortcuts={DESK_KEYS.sign.aria}>
            {t('handOut.sign')} <Keys keys={DESK_KEYS.sign.label} />
          </button>
          {key && (
            <button
              type="button"
              onClick={() => {
                setKey(null);
                setRemembered(false);
              }}
            >
              {t('handOut.noSign')}
            </button>
          )}
          <input
            ref={keyInput}
            type="file"
            hidden
            data-testid="desk-key-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) chooseKey(file).catch(onError);
            }}
          />
        </p>
        {keyError && (
          <p className="desk-problem" role="alert">
            {keyError}
          </p>
        )}
        {key && (
          <label title={t('handOut.rememberHint')}>
            <input type="checkbox" checked={remember} onChange={(e) => setRemembered(e.target.checked)} /> {t('handOut.remember')}
          </label>
        )}
      </div>

      {exportProblem && (
        <p id={ids.exportProblem} className="desk-problem" role="alert">
          {exportProblem}
        </p>
      )}
      <p className="desk-actions">
        <button type="button" className="primary" onClick={() => void exportFiles()} aria-disabled={!plan.ok || busy || undefined} aria-keyshortcuts={DESK_KEYS.exportFiles.aria}>
          {t('handOut.exportFiles')} <Keys keys={DESK_KEYS.exportFiles.label} />
        </button>
        <button type="button" onClick={() => void exportWhole()} aria-disabled={busy || undefined} aria-keyshortcuts={DESK_KEYS.exportWhole.aria}>
          {t('handOut.exportWhole')} <Keys keys={DESK_KEYS.exportWhole.label} />
        </button>
        {server !== null && (
          <button type="button" onClick={() => void publish()} aria-disabled={!plan.ok || busy || undefined} aria-keyshortcuts={DESK_KEYS.publish.aria} aria-describedby={ids.publishHint}>
            {t('sync:publish.button')} <Keys keys={DESK_KEYS.publish.label} />
          </button>
        )}
      </p>
      {server !== null ? (
        <p id={ids.publishHint} className="hint">
          {publishedRevision !== null ? `${t('sync:publish.linked', { revision: publishedRevision })} ` : `${t('sync:publish.about', { server })} `}
          {t('sync:publish.idsHint')}
        </p>
      ) : (
        <p className="hint">{t('sync:publish.noServer')}</p>
      )}
      {progress && (
        <div className="desk-progress" role="status">
          <progress value={progress.done} max={progress.total} aria-label={t('handOut.progressLabel')} />
          <span>{t('handOut.writing', { done: progress.done + 1, total: progress.total, name: progress.name })}</span>
        </div>
      )}
    </section>
  );
}
