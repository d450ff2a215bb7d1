/*
 * The outbox: every offline write the UI makes. Each call validates with the API's own schema,
 * then in ONE transaction changes the working copy and queues (or coalesces) its entry. Push
 * (sync/push.ts) sends the entries; nothing here talks to the network.
 */
export {
  createCustomer, updateCustomer, deleteCustomer, updateCreatedAddress, removeCreatedAddress,
  type CreatedAddress, type CreateFold, type DeleteOptions, type DeleteOutcome,
} from './customer';
export {
  createAddress, updateAddress, deleteAddress,
  createParameter, updateParameter, deleteParameter,
  createExtraField, updateExtraField, deleteExtraField,
  createMandate,
  createCreditInsurance, updateCreditInsurance, deleteCreditInsurance,
  type ParameterInput, type ParameterChanges,
} from './children';
export { respondToQuestion } from './question';
export { discardEntry, retryEntry, editEntry } from './entries';
export { EntryStateError, InvalidInputError, NotInCacheError, QueuedChildrenError, type EntrySummary } from './errors';
export { entityKeyOf, isLocalId } from './keys';
export { dependenciesOf, waitReason, type WaitReason } from './order';
