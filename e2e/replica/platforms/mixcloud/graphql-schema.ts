/**
 * A subset of Mixcloud's GraphQL schema (app.mixcloud.com/graphql). Type names, field names, field
 * types and arguments are those of the real schema (introspected 2021-09, see
 * captures/mixcloud/mc-graphql_schema-sdl_2021-09.graphql); graphql.test.ts checks that every type and
 * field here exists there with the same type. Only fields the replica can answer are listed.
 * Objects are here; connections, inputs and enums in graphql-schema-plumbing.ts.
 */
import { MIXCLOUD_PLUMBING_SDL } from './graphql-schema-plumbing';

export const MIXCLOUD_SDL = /* GraphQL */ `
type Query {
  cloudcast(id: ID!): Cloudcast
  user(id: ID!): User
  playlist(id: ID!): Playlist
  node(id: ID!): Node
  viewer: Viewer
  userLookup(lookup: UserLookup!): User
  cloudcastLookup(lookup: CloudcastLookup!): Cloudcast
  cloudcastLookupMany(lookup: [CloudcastLookup]!): [Cloudcast]
  playlistLookup(lookup: PlaylistLookup!): Playlist
  tagLookup(lookup: TagLookup!): Tag
}

interface Node {
  id: ID!
}

interface PictureFieldInterface {
  picture(width: Int, height: Int, blur: Int): Picture @deprecated(reason: "use picture object instead")
}

scalar DateTime

type Picture {
  primaryColor(lighten: Int, darken: Int, alpha: Float): String
  isLight: Boolean
  urlRoot: String
  url: String @deprecated(reason: "Use urlRoot instead")
  width: Int @deprecated(reason: "You should set the width on the client")
  height: Int @deprecated(reason: "You should set the height on the client")
}

type Cloudcast implements Node & PictureFieldInterface {
  publishDate: DateTime
  name: String!
  slug: String!
  description: String
  audioLength: Int
  id: ID!
  picture(width: Int, height: Int, blur: Int): Picture
  owner: User!
  hiddenStats: Boolean
  streamInfo(timestamper: Boolean): StreamInfo
  isPlayable: Boolean
  seekRestriction: String
  restrictedReason: String
  isUnlisted: Boolean
  isDraft: Boolean
  isPublic: Boolean
  isExclusive: Boolean
  isExclusivePreviewOnly: Boolean
  plays: Int
  comments(first: Int, last: Int, after: String, before: String): CommentWithTotalConnection!
  tags(country: String): [CloudcastTag]!
  reposts(first: Int, last: Int, after: String, before: String, order: UserConnectionOrderEnum): UserWithProvidedTotalConnection!
  favorites(first: Int, last: Int, after: String, before: String, order: UserConnectionOrderEnum): UserWithProvidedTotalConnection!
  featuringArtistList: [String]
  moreFeaturingArtists: Boolean
  sections: [Section!]
  canShowTracklist: Boolean!
  dbId: String
  url: String @deprecated(reason: "The url field is now deprecated, please build url on client")
  key: String @deprecated(reason: "The key field is now deprecated, please build url path on client")
}

type StreamInfo {
  dashUrl: String
  hlsUrl: String
  url: String
  uuid: String!
  hash: String!
}

union Section = TrackSection | ChapterSection

interface SectionBase {
  startSeconds: Int
}

type TrackSection implements Node & SectionBase {
  id: ID!
  startSeconds: Int
  artistName: String
  songName: String
}

type ChapterSection implements Node & SectionBase {
  id: ID!
  startSeconds: Int
  chapter: String
}

type CloudcastTag {
  tag: Tag!
  position: Int
}

type Tag implements Node {
  slug: String!
  id: ID!
  name: String
  isCategory: Boolean!
}

type User implements Node & PictureFieldInterface & FavoritesInterface & ListeningHistoryInterface & StreamInterface & UploadsInterface {
  username: String!
  dateJoined: DateTime!
  displayName: String!
  id: ID!
  picture(width: Int, height: Int, blur: Int): Picture
  favorites(first: Int, last: Int, after: String, before: String): FavoritesConnection!
  listeningHistory(first: Int, last: Int, after: String, before: String): ListenConnection!
  stream(first: Int, last: Int, after: String, before: String): StreamCloudcastConnection!
  uploads(first: Int, last: Int, after: String, before: String, orderBy: CloudcastOrderByEnum, isPublic: Boolean, hasActivePromotions: Boolean): CloudcastWithTotalsConnection!
  city: String
  country: String
  hasPicture: Boolean
  isUploader: Boolean
  isViewer: Boolean!
  hasPremiumFeatures: Boolean
  hasProFeatures: Boolean
  biog: String
  dbId: String
  playlists(first: Int, last: Int, after: String, before: String, orderBy: PlaylistsOrderByEnum): PlaylistConnection!
  followers(first: Int, last: Int, after: String, before: String): FollowersConnection!
  followings(first: Int, last: Int, after: String, before: String, filter: FollowingsFilterEnum, orderBy: FollowingsOrderByEnum): FollowingsConnection!
  isSelect: Boolean
  url: String @deprecated(reason: "this field is now deprecated")
  key: String @deprecated(reason: "This field is now deprecated")
  listens(first: Int, last: Int, after: String, before: String): CloudcastWithTotalsConnection @deprecated(reason: "Use listeningHistory instead")
}

interface FavoritesInterface {
  favorites(first: Int, last: Int, after: String, before: String): FavoritesConnection!
}

interface ListeningHistoryInterface {
  listeningHistory(first: Int, last: Int, after: String, before: String): ListenConnection!
}

interface StreamInterface {
  stream(first: Int, last: Int, after: String, before: String): StreamCloudcastConnection!
}

interface UploadsInterface {
  uploads(first: Int, last: Int, after: String, before: String, orderBy: CloudcastOrderByEnum, isPublic: Boolean, hasActivePromotions: Boolean): CloudcastWithTotalsConnection!
}

type Comment implements Node {
  id: ID!
  comment(showDeleted: Boolean): String!
  user(showDeleted: Boolean): User
  created(showDeleted: Boolean): DateTime
  isDeleted: Boolean
}

type Viewer implements Node {
  id: ID!
  discover(discoverTags: [DiscoverTagType], country: String): Discover
  search: Search!
  categories: Categories!
  me: User
}

type Search {
  searchQuery(term: String!): SearchQuery!
}

type SearchQuery {
  cloudcasts(first: Int, last: Int, after: String, before: String, createdAfter: CreatedAfterFilter, isTimestamped: IsTimestampedFilter): CloudcastConnection!
  users(first: Int, last: Int, after: String, before: String, dateJoinedAfter: DateJoinedAfterFilter, isUploader: IsUploaderFilter): UserConnection!
  tags(first: Int, last: Int, after: String, before: String): TagConnection!
}

type Discover {
  isChart: Boolean!
  isCategory: Boolean!
  name: String @deprecated(reason: "Should be generated client side - use selected_tags endpoint")
  staffPicks(first: Int, last: Int, after: String, before: String, orderBy: DiscoverOrderByEnum): CloudcastConnection!
  shows(first: Int, last: Int, after: String, before: String, orderBy: DiscoverOrderByEnum): ChartCloudcastConnection!
  selectedTags: [DiscoverTag]!
}

union DiscoverTag = DiscoverTagCity | DiscoverTagTag

interface DiscoverTagInterface {
  name: String!
  slug: String!
}

type DiscoverTagTag implements DiscoverTagInterface {
  name: String!
  slug: String!
}

type DiscoverTagCity implements DiscoverTagInterface {
  name: String!
  slug: String!
}

type Categories {
  music: [Category!]!
  talk: [Category!]!
}

type Category {
  name: String!
  slug: String!
}

${MIXCLOUD_PLUMBING_SDL}
`;
