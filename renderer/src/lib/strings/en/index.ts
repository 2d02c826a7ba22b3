/** The English catalogue: one part per area of the app, merged under its area's key. */
import { app } from './app';
import { bulk } from './bulk';
import { credentials } from './credentials';
import { detail } from './detail';
import { errors } from './errors';
import { filters } from './filters';
import { form } from './form';
import { jobs } from './jobs';
import { policies } from './policies';
import { servers } from './servers';
import { status } from './status';
import { time } from './time';

/** English, the catalogue every translation follows. */
export const en = {
  app,
  bulk,
  credentials,
  detail,
  errors,
  filters,
  form,
  jobs,
  policies,
  servers,
  status,
  time,
};
