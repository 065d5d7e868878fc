import { z } from 'zod';

/** A local profile: stable id and display name; a login and signing key can be attached later. */
export const Reviewer = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(200),
  createdAt: z.string(),
});
export type Reviewer = z.infer<typeof Reviewer>;
