// Connection profiles: the non-secret settings of each gateway the user connects to.
export {
  createProfileStore, DEFAULT_PROFILES_FILE,
  type ProfileStore, type ProfileStoreOptions, type ProfilesRecovery, type RemovedProfile,
} from './store';
