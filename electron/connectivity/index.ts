export {
  createConnectivityMonitor,
  defaultConnectivityBackoff,
  defaultOnlineIntervalMs,
  type ConnectivityMonitor,
  type ConnectivityOptions,
  type ConnectivityState,
  type ConnectivityTimers,
} from './monitor';
