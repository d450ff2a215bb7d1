// The sandbox's public face: the main process (Demo profile), the CLI and the tests use only this.
export { startSandbox, type Sandbox, type SandboxOptions } from './server';
export { demoCredentials, scopes, type AuthMode, type SandboxCredentials, type TokenGrant } from './auth';
export { defaultFaults, faultSettingsPatch, type FaultControl, type FaultSettings, type FaultSettingsPatch } from './faults';
export type { SandboxStats } from './stats';
export type { CustomerChildren, CustomerInternals, CustomerRecord, SeedSource, StoreSnapshot, StoredCustomer, Tenant } from './model';
export type { Store } from './store';
export { knownServiceDefinitions } from './handlers/services';
export { maxBodyBytes } from './http';
