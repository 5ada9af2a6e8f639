import { notYet } from '../not-yet';

export const beatport = notYet('Beatport');
