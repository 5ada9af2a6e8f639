import { notYet } from '../not-yet';

export const mixcloud = notYet('Mixcloud');
