/**
 * The one catalogue and state of this process's SoundCloud replica, shared by the platform module
 * (index.ts) and the fixtures tests import (fixtures.ts), so `clientId()` names the id the running
 * replica accepts.
 */
import { Catalogue } from './catalogue';
import { ScState } from './state';

export const catalogue = new Catalogue();
export const scState = new ScState();
