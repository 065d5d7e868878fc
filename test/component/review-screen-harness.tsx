// The review screen mounted as the batch page mounts it, for the component tests: it follows its own
// navigation, and records where it went and what it committed. Not a test file itself.
import { render } from '@testing-library/react';
import { StrictMode, useState } from 'react';
import { createPlatform } from '../../renderer/platform/memory';
import { ReviewScreen, type ReviewScreenProps } from '../../renderer/review';
import type { Review } from '../../shared/review';

export interface MountOptions extends Pick<ReviewScreenProps, 'db' | 'batch' | 'schema' | 'entries' | 'itemId'> {
  reviewer: { id: string; name: string };
  deviceId?: string;
  onExit?: () => void;
  /** As the queue does: a committed review's row takes its new status (what "next unconfirmed" reads). */
  followStatus?: boolean;
  /** Under React's StrictMode, as main.tsx renders (effects mount twice in development). */
  strict?: boolean;
}

export function mountReviewScreen(options: MountOptions) {
  const { entries } = options;
  const platform = createPlatform();
  const navigated: string[] = [];
  const committed: Review[] = [];
  function Harness() {
    const [shown, setShown] = useState(options.itemId);
    return (
      <ReviewScreen
        db={options.db}
        batch={options.batch}
        schema={options.schema}
        reviewer={options.reviewer}
        deviceId={options.deviceId ?? 'device-1'}
        entries={entries}
        itemId={shown}
        onNavigate={(id) => {
          navigated.push(id);
          setShown(id);
        }}
        onCommitted={(review) => {
          committed.push(review);
          if (!options.followStatus) return;
          const entry = entries.find((e) => e.id === review.itemId);
          if (entry) entry.status = review.status;
        }}
        onExit={options.onExit ?? (() => undefined)}
        platform={platform}
      />
    );
  }
  const view = render(
    options.strict ? (
      <StrictMode>
        <Harness />
      </StrictMode>
    ) : (
      <Harness />
    ),
  );
  return { platform, navigated, committed, ...view };
}
