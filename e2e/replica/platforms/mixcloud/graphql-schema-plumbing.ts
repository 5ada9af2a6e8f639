/** Relay connections and edges, lookup inputs and enums of the Mixcloud schema subset (see graphql-schema.ts). */
export const MIXCLOUD_PLUMBING_SDL = /* GraphQL */ `
type PageInfo {
  hasPreviousPage: Boolean!
  hasNextPage: Boolean!
  startCursor: String
  endCursor: String
}
interface ConnectionTotalCountInterface {
  totalCount: Int!
}
interface CloudcastTotalAudioLengthInterface {
  totalAudioLength: Int
}
interface CloudcastConnectionInterface {
  pageInfo: PageInfo!
  edges: [CloudcastEdgeInterface]!
}
interface CloudcastEdgeInterface {
  cursor: String!
  node: Cloudcast!
}
type CloudcastEdge implements CloudcastEdgeInterface {
  cursor: String!
  node: Cloudcast!
}
type CloudcastConnection implements CloudcastConnectionInterface {
  pageInfo: PageInfo!
  edges: [CloudcastEdge]!
}
type CloudcastWithTotalsConnection implements CloudcastConnectionInterface & CloudcastTotalAudioLengthInterface & ConnectionTotalCountInterface {
  pageInfo: PageInfo!
  edges: [CloudcastEdge]!
  totalCount: Int!
  totalAudioLength: Int
}
type FavoritesConnection implements CloudcastConnectionInterface & CloudcastTotalAudioLengthInterface {
  pageInfo: PageInfo!
  edges: [CloudcastEdge]!
  totalAudioLength: Int
  isHidden: Boolean
  totalCount: Int!
}
type StreamCloudcastConnection implements CloudcastConnectionInterface & ConnectionTotalCountInterface {
  pageInfo: PageInfo!
  edges: [StreamCloudcastEdge]!
  totalCount: Int!
}
type StreamCloudcastEdge implements CloudcastEdgeInterface {
  cursor: String!
  node: Cloudcast!
  repostedBy: String
}
type ChartCloudcastConnection implements CloudcastConnectionInterface {
  pageInfo: PageInfo!
  edges: [ChartCloudcastEdge]!
}
type ChartCloudcastEdge implements CloudcastEdgeInterface {
  cursor: String!
  node: Cloudcast!
  position: Int
}
type ListenConnection implements ConnectionTotalCountInterface {
  totalCount: Int!
  pageInfo: PageInfo!
  edges: [ListenEdge]!
  isHidden: Boolean
}
type ListenEdge {
  cursor: String!
  node: Listen!
}
type Listen implements Node {
  id: ID!
  cloudcast: Cloudcast!
}
type Playlist implements Node & PictureFieldInterface {
  name: String!
  slug: String!
  description: String
  id: ID!
  picture(width: Int, height: Int, blur: Int): Picture
  items(first: Int, last: Int, after: String, before: String): PlaylistItemConnection!
  owner: User!
  dbId: String
}
type PlaylistConnection implements ConnectionTotalCountInterface {
  totalCount: Int!
  pageInfo: PageInfo!
  edges: [PlaylistEdge]!
}
type PlaylistEdge {
  cursor: String!
  node: Playlist!
}
type PlaylistItem implements Node {
  id: ID!
  cloudcast: Cloudcast!
}
type PlaylistItemConnection implements ConnectionTotalCountInterface {
  totalCount: Int!
  pageInfo: PageInfo!
  edges: [PlaylistItemEdge!]!
  totalAudioLength: Int
}
type PlaylistItemEdge {
  cursor: String!
  node: PlaylistItem!
}
interface UserConnectionInterface {
  pageInfo: PageInfo!
  edges: [UserEdgeInterface]!
}
interface UserEdgeInterface {
  cursor: String!
  node: User!
}
interface UserConnectionTotalCountInterface {
  totalCount: Int!
}
type UserConnection implements UserConnectionInterface {
  pageInfo: PageInfo!
  edges: [UserEdge]!
}
type UserEdge implements UserEdgeInterface {
  cursor: String!
  node: User!
}
type UserWithProvidedTotalConnection implements UserConnectionInterface & UserConnectionTotalCountInterface {
  pageInfo: PageInfo!
  edges: [UserEdge]!
  totalCount: Int!
}
type FollowersConnection implements UserConnectionInterface & UserConnectionTotalCountInterface {
  pageInfo: PageInfo!
  edges: [FollowerEdge]!
  totalCount: Int!
}
type FollowerEdge implements UserEdgeInterface {
  cursor: String!
  node: User!
}
type FollowingsConnection implements UserConnectionInterface & UserConnectionTotalCountInterface {
  pageInfo: PageInfo!
  edges: [FollowedEdge]!
  totalCount: Int!
}
type FollowedEdge implements UserEdgeInterface {
  cursor: String!
  node: User!
}
interface TagConnectionInterface {
  pageInfo: PageInfo!
  edges: [TagEdge]!
}
type TagConnection implements TagConnectionInterface {
  pageInfo: PageInfo!
  edges: [TagEdge]!
}
type TagEdge {
  cursor: String!
  node: Tag!
}
interface CommentConnectionInterface {
  pageInfo: PageInfo!
  edges: [CommentEdge]!
}
type CommentWithTotalConnection implements CommentConnectionInterface {
  pageInfo: PageInfo!
  edges: [CommentEdge]!
  totalCount: Int!
  commentsDisabled: Boolean!
}
type CommentEdge {
  cursor: String!
  node: Comment!
}
input UserLookup {
  username: String!
}
input CloudcastLookup {
  username: String!
  slug: String!
}
input PlaylistLookup {
  username: String
  slug: String!
}
input TagLookup {
  slug: String!
}
input DiscoverTagType {
  slug: String!
  type: DiscoverTagTypeEnum!
}
enum DiscoverTagTypeEnum {
  ARTIST
  CITY
  TAG
}
enum DiscoverOrderByEnum {
  LATEST
  POPULAR
  HOT
}
enum CloudcastOrderByEnum {
  LATEST
  OLDEST
  HOT
  POPULAR
}
enum PlaylistsOrderByEnum {
  LAST_MODIFIED
  CREATED
  ALPHABETICAL
}
enum FollowingsFilterEnum {
  ALL
  SHARED
}
enum FollowingsOrderByEnum {
  PK_DESC
  MUTUAL_ADD
}
enum UserConnectionOrderEnum {
  RECENT
}
enum CreatedAfterFilter {
  PAST_WEEK
  PAST_MONTH
  PAST_YEAR
}
enum IsTimestampedFilter {
  YES
}
enum DateJoinedAfterFilter {
  PAST_WEEK
  PAST_MONTH
  PAST_YEAR
}
enum IsUploaderFilter {
  YES
  NO
}
`;
