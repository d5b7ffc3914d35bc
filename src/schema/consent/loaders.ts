import { getConsent, type ConsentDto } from '../../upstream/resources/consents.js';
import { defineLoader, notFound } from '../loader.js';
import { perKey } from '../loader-kinds.js';
import { consentsByPair } from './consent-by-pair.js';

export const consentLoader = defineLoader((s) => perKey<string, ConsentDto>((u) => getConsent(s, u), notFound));

/** The consent of a (user, offering) pair; see consentsByPair for how a batch is read. */
export const consentByPairLoader = defineLoader(consentsByPair);
