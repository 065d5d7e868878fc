import { createContext, useContext, useEffect, useRef } from 'react';
import type { DeskKey } from './keys';

/** The desk's page actions by shortcut: each section registers its own, the page listens for the keys. */
export type DeskActions = Map<DeskKey, () => void>;

export const DeskActionsContext = createContext<DeskActions>(new Map());

export function useDeskAction(key: DeskKey, action: () => void): void {
  const actions = useContext(DeskActionsContext);
  const latest = useRef(action);
  latest.current = action;
  useEffect(() => {
    const run = () => latest.current();
    actions.set(key, run);
    return () => {
      if (actions.get(key) === run) actions.delete(key);
    };
  }, [actions, key]);
}
