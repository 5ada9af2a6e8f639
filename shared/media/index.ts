/**
 * The media pipeline's public API: remux HLS/progressive audio into a tagged M4A or MP3 without
 * re-encoding (header ++ payload, payload streamed during push), and the tag mapping.
 */
export { createRemuxer } from './remuxer';
export { buildTags, type BuildTagsOptions } from './tags';
export type {
  Artwork,
  ChapterMark,
  InputContainer,
  OutputContainer,
  PayloadLayout,
  PayloadSink,
  RemuxResult,
  Remuxer,
  RemuxerOptions,
  Tags,
} from './types';
