import * as v from 'valibot';
import { summarizeErrors, validate } from '../../shared/api/validation';
import { connectionProfile, DEMO_PROFILE_ID, demoProfile, type ConnectionProfile } from '../../shared/profiles';

/*
 * The shape of profiles.json and how it is read. Reading never throws for bad content: the
 * caller sets a bad file aside and starts from the defaults, and says so.
 */

export interface ProfilesState {
  readonly activeId: string;
  /** The Demo profile first, then the user's in the order they were created. */
  readonly profiles: readonly ConnectionProfile[];
}

const fileSchema = v.object({
  version: v.literal(1, 'Was written by another version of Fieldbook'),
  activeId: v.string(),
  profiles: v.array(connectionProfile),
});

export const initialState: ProfilesState = { activeId: DEMO_PROFILE_ID, profiles: [demoProfile] };

export function serialize(state: ProfilesState): string {
  return `${JSON.stringify({ version: 1, activeId: state.activeId, profiles: state.profiles }, null, 2)}\n`;
}

/** The state in a file's text, or why it cannot be used. */
export function parseState(text: string): { ok: true; state: ProfilesState } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'it is not valid JSON' };
  }
  const checked = validate(fileSchema, json);
  if (!checked.ok) return { ok: false, reason: summarizeErrors(checked.errors) };
  const ids = checked.value.profiles.map((profile) => profile.id);
  if (new Set(ids).size !== ids.length) return { ok: false, reason: 'two profiles have the same id' };
  return { ok: true, state: withDemo(checked.value) };
}

/** The Demo profile is always there (a hand-edited file may have dropped it), and something is active. */
function withDemo(state: ProfilesState): ProfilesState {
  const demo = state.profiles.find((profile) => profile.id === DEMO_PROFILE_ID) ?? demoProfile;
  const profiles = [demo, ...state.profiles.filter((profile) => profile.id !== DEMO_PROFILE_ID)];
  const activeId = profiles.some((profile) => profile.id === state.activeId) ? state.activeId : DEMO_PROFILE_ID;
  return { activeId, profiles };
}
