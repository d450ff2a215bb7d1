import type { OperationName } from '../../../shared/api';
import type { Handler } from '../context';
import { addressHandlers } from './addresses';
import { creditInsuranceHandlers } from './credit-insurances';
import { customerHandlers } from './customers';
import { extraFieldHandlers } from './extra-fields';
import { mandateHandlers } from './mandates';
import { parameterHandlers } from './parameters';
import { questionHandlers } from './questions';
import { serviceHandlers } from './services';

/** One handler per operation of the route table; the type fails to compile if one is missing. */
export const handlers: Readonly<Record<OperationName, Handler>> = {
  ...customerHandlers,
  ...parameterHandlers,
  ...addressHandlers,
  ...extraFieldHandlers,
  ...mandateHandlers,
  ...creditInsuranceHandlers,
  ...questionHandlers,
  ...serviceHandlers,
};
