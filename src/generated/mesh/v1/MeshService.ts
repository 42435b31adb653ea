// Original file: proto/mesh/v1/mesh.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AclChangeResponse as _mesh_v1_AclChangeResponse, AclChangeResponse__Output as _mesh_v1_AclChangeResponse__Output } from '../../mesh/v1/AclChangeResponse.js';
import type { AclEntry as _mesh_v1_AclEntry, AclEntry__Output as _mesh_v1_AclEntry__Output } from '../../mesh/v1/AclEntry.js';
import type { AddLinkRequest as _mesh_v1_AddLinkRequest, AddLinkRequest__Output as _mesh_v1_AddLinkRequest__Output } from '../../mesh/v1/AddLinkRequest.js';
import type { AddLinkResponse as _mesh_v1_AddLinkResponse, AddLinkResponse__Output as _mesh_v1_AddLinkResponse__Output } from '../../mesh/v1/AddLinkResponse.js';
import type { CloseClientDataStreamRequest as _mesh_v1_CloseClientDataStreamRequest, CloseClientDataStreamRequest__Output as _mesh_v1_CloseClientDataStreamRequest__Output } from '../../mesh/v1/CloseClientDataStreamRequest.js';
import type { CloseClientDataStreamResponse as _mesh_v1_CloseClientDataStreamResponse, CloseClientDataStreamResponse__Output as _mesh_v1_CloseClientDataStreamResponse__Output } from '../../mesh/v1/CloseClientDataStreamResponse.js';
import type { CreateTokenRequest as _mesh_v1_CreateTokenRequest, CreateTokenRequest__Output as _mesh_v1_CreateTokenRequest__Output } from '../../mesh/v1/CreateTokenRequest.js';
import type { CreateTokenResponse as _mesh_v1_CreateTokenResponse, CreateTokenResponse__Output as _mesh_v1_CreateTokenResponse__Output } from '../../mesh/v1/CreateTokenResponse.js';
import type { DropLinkRequest as _mesh_v1_DropLinkRequest, DropLinkRequest__Output as _mesh_v1_DropLinkRequest__Output } from '../../mesh/v1/DropLinkRequest.js';
import type { DropLinkResponse as _mesh_v1_DropLinkResponse, DropLinkResponse__Output as _mesh_v1_DropLinkResponse__Output } from '../../mesh/v1/DropLinkResponse.js';
import type { EstablishFullLinksRequest as _mesh_v1_EstablishFullLinksRequest, EstablishFullLinksRequest__Output as _mesh_v1_EstablishFullLinksRequest__Output } from '../../mesh/v1/EstablishFullLinksRequest.js';
import type { EstablishFullLinksResponse as _mesh_v1_EstablishFullLinksResponse, EstablishFullLinksResponse__Output as _mesh_v1_EstablishFullLinksResponse__Output } from '../../mesh/v1/EstablishFullLinksResponse.js';
import type { EvictNodeRequest as _mesh_v1_EvictNodeRequest, EvictNodeRequest__Output as _mesh_v1_EvictNodeRequest__Output } from '../../mesh/v1/EvictNodeRequest.js';
import type { EvictNodeResponse as _mesh_v1_EvictNodeResponse, EvictNodeResponse__Output as _mesh_v1_EvictNodeResponse__Output } from '../../mesh/v1/EvictNodeResponse.js';
import type { GetMeshStatusRequest as _mesh_v1_GetMeshStatusRequest, GetMeshStatusRequest__Output as _mesh_v1_GetMeshStatusRequest__Output } from '../../mesh/v1/GetMeshStatusRequest.js';
import type { GetTenantKeysRequest as _mesh_v1_GetTenantKeysRequest, GetTenantKeysRequest__Output as _mesh_v1_GetTenantKeysRequest__Output } from '../../mesh/v1/GetTenantKeysRequest.js';
import type { GetTenantKeysResponse as _mesh_v1_GetTenantKeysResponse, GetTenantKeysResponse__Output as _mesh_v1_GetTenantKeysResponse__Output } from '../../mesh/v1/GetTenantKeysResponse.js';
import type { JoinMeshRequest as _mesh_v1_JoinMeshRequest, JoinMeshRequest__Output as _mesh_v1_JoinMeshRequest__Output } from '../../mesh/v1/JoinMeshRequest.js';
import type { JoinMeshResponse as _mesh_v1_JoinMeshResponse, JoinMeshResponse__Output as _mesh_v1_JoinMeshResponse__Output } from '../../mesh/v1/JoinMeshResponse.js';
import type { LeaveMeshRequest as _mesh_v1_LeaveMeshRequest, LeaveMeshRequest__Output as _mesh_v1_LeaveMeshRequest__Output } from '../../mesh/v1/LeaveMeshRequest.js';
import type { LeaveMeshResponse as _mesh_v1_LeaveMeshResponse, LeaveMeshResponse__Output as _mesh_v1_LeaveMeshResponse__Output } from '../../mesh/v1/LeaveMeshResponse.js';
import type { ListAclsRequest as _mesh_v1_ListAclsRequest, ListAclsRequest__Output as _mesh_v1_ListAclsRequest__Output } from '../../mesh/v1/ListAclsRequest.js';
import type { ListAclsResponse as _mesh_v1_ListAclsResponse, ListAclsResponse__Output as _mesh_v1_ListAclsResponse__Output } from '../../mesh/v1/ListAclsResponse.js';
import type { ListTokensRequest as _mesh_v1_ListTokensRequest, ListTokensRequest__Output as _mesh_v1_ListTokensRequest__Output } from '../../mesh/v1/ListTokensRequest.js';
import type { ListTokensResponse as _mesh_v1_ListTokensResponse, ListTokensResponse__Output as _mesh_v1_ListTokensResponse__Output } from '../../mesh/v1/ListTokensResponse.js';
import type { MeshEvent as _mesh_v1_MeshEvent, MeshEvent__Output as _mesh_v1_MeshEvent__Output } from '../../mesh/v1/MeshEvent.js';
import type { MeshStatus as _mesh_v1_MeshStatus, MeshStatus__Output as _mesh_v1_MeshStatus__Output } from '../../mesh/v1/MeshStatus.js';
import type { OpenClientDataStreamRequest as _mesh_v1_OpenClientDataStreamRequest, OpenClientDataStreamRequest__Output as _mesh_v1_OpenClientDataStreamRequest__Output } from '../../mesh/v1/OpenClientDataStreamRequest.js';
import type { OpenClientDataStreamResponse as _mesh_v1_OpenClientDataStreamResponse, OpenClientDataStreamResponse__Output as _mesh_v1_OpenClientDataStreamResponse__Output } from '../../mesh/v1/OpenClientDataStreamResponse.js';
import type { PublishClientDataRequest as _mesh_v1_PublishClientDataRequest, PublishClientDataRequest__Output as _mesh_v1_PublishClientDataRequest__Output } from '../../mesh/v1/PublishClientDataRequest.js';
import type { PublishClientDataResponse as _mesh_v1_PublishClientDataResponse, PublishClientDataResponse__Output as _mesh_v1_PublishClientDataResponse__Output } from '../../mesh/v1/PublishClientDataResponse.js';
import type { RevokeTokenRequest as _mesh_v1_RevokeTokenRequest, RevokeTokenRequest__Output as _mesh_v1_RevokeTokenRequest__Output } from '../../mesh/v1/RevokeTokenRequest.js';
import type { RevokeTokenResponse as _mesh_v1_RevokeTokenResponse, RevokeTokenResponse__Output as _mesh_v1_RevokeTokenResponse__Output } from '../../mesh/v1/RevokeTokenResponse.js';
import type { RotateNodeKeyRequest as _mesh_v1_RotateNodeKeyRequest, RotateNodeKeyRequest__Output as _mesh_v1_RotateNodeKeyRequest__Output } from '../../mesh/v1/RotateNodeKeyRequest.js';
import type { RotateNodeKeyResponse as _mesh_v1_RotateNodeKeyResponse, RotateNodeKeyResponse__Output as _mesh_v1_RotateNodeKeyResponse__Output } from '../../mesh/v1/RotateNodeKeyResponse.js';
import type { RotateTenantKeyRequest as _mesh_v1_RotateTenantKeyRequest, RotateTenantKeyRequest__Output as _mesh_v1_RotateTenantKeyRequest__Output } from '../../mesh/v1/RotateTenantKeyRequest.js';
import type { RotateTenantKeyResponse as _mesh_v1_RotateTenantKeyResponse, RotateTenantKeyResponse__Output as _mesh_v1_RotateTenantKeyResponse__Output } from '../../mesh/v1/RotateTenantKeyResponse.js';
import type { SeedMeshRequest as _mesh_v1_SeedMeshRequest, SeedMeshRequest__Output as _mesh_v1_SeedMeshRequest__Output } from '../../mesh/v1/SeedMeshRequest.js';
import type { SeedMeshResponse as _mesh_v1_SeedMeshResponse, SeedMeshResponse__Output as _mesh_v1_SeedMeshResponse__Output } from '../../mesh/v1/SeedMeshResponse.js';
import type { SendInternalDBUpdateRequest as _mesh_v1_SendInternalDBUpdateRequest, SendInternalDBUpdateRequest__Output as _mesh_v1_SendInternalDBUpdateRequest__Output } from '../../mesh/v1/SendInternalDBUpdateRequest.js';
import type { SendMeshUpdateRequest as _mesh_v1_SendMeshUpdateRequest, SendMeshUpdateRequest__Output as _mesh_v1_SendMeshUpdateRequest__Output } from '../../mesh/v1/SendMeshUpdateRequest.js';
import type { SendNodeUpdateRequest as _mesh_v1_SendNodeUpdateRequest, SendNodeUpdateRequest__Output as _mesh_v1_SendNodeUpdateRequest__Output } from '../../mesh/v1/SendNodeUpdateRequest.js';
import type { SendUpdateResponse as _mesh_v1_SendUpdateResponse, SendUpdateResponse__Output as _mesh_v1_SendUpdateResponse__Output } from '../../mesh/v1/SendUpdateResponse.js';
import type { SetJoinPolicyRequest as _mesh_v1_SetJoinPolicyRequest, SetJoinPolicyRequest__Output as _mesh_v1_SetJoinPolicyRequest__Output } from '../../mesh/v1/SetJoinPolicyRequest.js';
import type { SetJoinPolicyResponse as _mesh_v1_SetJoinPolicyResponse, SetJoinPolicyResponse__Output as _mesh_v1_SetJoinPolicyResponse__Output } from '../../mesh/v1/SetJoinPolicyResponse.js';
import type { StartMeshRequest as _mesh_v1_StartMeshRequest, StartMeshRequest__Output as _mesh_v1_StartMeshRequest__Output } from '../../mesh/v1/StartMeshRequest.js';
import type { StartMeshResponse as _mesh_v1_StartMeshResponse, StartMeshResponse__Output as _mesh_v1_StartMeshResponse__Output } from '../../mesh/v1/StartMeshResponse.js';
import type { StopMeshRequest as _mesh_v1_StopMeshRequest, StopMeshRequest__Output as _mesh_v1_StopMeshRequest__Output } from '../../mesh/v1/StopMeshRequest.js';
import type { StopMeshResponse as _mesh_v1_StopMeshResponse, StopMeshResponse__Output as _mesh_v1_StopMeshResponse__Output } from '../../mesh/v1/StopMeshResponse.js';
import type { SubscribeClientDataRequest as _mesh_v1_SubscribeClientDataRequest, SubscribeClientDataRequest__Output as _mesh_v1_SubscribeClientDataRequest__Output } from '../../mesh/v1/SubscribeClientDataRequest.js';
import type { SubscribeClientDataResponse as _mesh_v1_SubscribeClientDataResponse, SubscribeClientDataResponse__Output as _mesh_v1_SubscribeClientDataResponse__Output } from '../../mesh/v1/SubscribeClientDataResponse.js';
import type { SubscribeUpdatesRequest as _mesh_v1_SubscribeUpdatesRequest, SubscribeUpdatesRequest__Output as _mesh_v1_SubscribeUpdatesRequest__Output } from '../../mesh/v1/SubscribeUpdatesRequest.js';
import type { SubscribeUpdatesResponse as _mesh_v1_SubscribeUpdatesResponse, SubscribeUpdatesResponse__Output as _mesh_v1_SubscribeUpdatesResponse__Output } from '../../mesh/v1/SubscribeUpdatesResponse.js';
import type { WatchMeshEventsRequest as _mesh_v1_WatchMeshEventsRequest, WatchMeshEventsRequest__Output as _mesh_v1_WatchMeshEventsRequest__Output } from '../../mesh/v1/WatchMeshEventsRequest.js';

export interface MeshServiceClient extends grpc.Client {
  AddLink(argument: _mesh_v1_AddLinkRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_AddLinkResponse__Output>): grpc.ClientUnaryCall;
  AddLink(argument: _mesh_v1_AddLinkRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_AddLinkResponse__Output>): grpc.ClientUnaryCall;
  AddLink(argument: _mesh_v1_AddLinkRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_AddLinkResponse__Output>): grpc.ClientUnaryCall;
  AddLink(argument: _mesh_v1_AddLinkRequest, callback: grpc.requestCallback<_mesh_v1_AddLinkResponse__Output>): grpc.ClientUnaryCall;
  addLink(argument: _mesh_v1_AddLinkRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_AddLinkResponse__Output>): grpc.ClientUnaryCall;
  addLink(argument: _mesh_v1_AddLinkRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_AddLinkResponse__Output>): grpc.ClientUnaryCall;
  addLink(argument: _mesh_v1_AddLinkRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_AddLinkResponse__Output>): grpc.ClientUnaryCall;
  addLink(argument: _mesh_v1_AddLinkRequest, callback: grpc.requestCallback<_mesh_v1_AddLinkResponse__Output>): grpc.ClientUnaryCall;
  
  CloseClientDataStream(argument: _mesh_v1_CloseClientDataStreamRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_CloseClientDataStreamResponse__Output>): grpc.ClientUnaryCall;
  CloseClientDataStream(argument: _mesh_v1_CloseClientDataStreamRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_CloseClientDataStreamResponse__Output>): grpc.ClientUnaryCall;
  CloseClientDataStream(argument: _mesh_v1_CloseClientDataStreamRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_CloseClientDataStreamResponse__Output>): grpc.ClientUnaryCall;
  CloseClientDataStream(argument: _mesh_v1_CloseClientDataStreamRequest, callback: grpc.requestCallback<_mesh_v1_CloseClientDataStreamResponse__Output>): grpc.ClientUnaryCall;
  closeClientDataStream(argument: _mesh_v1_CloseClientDataStreamRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_CloseClientDataStreamResponse__Output>): grpc.ClientUnaryCall;
  closeClientDataStream(argument: _mesh_v1_CloseClientDataStreamRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_CloseClientDataStreamResponse__Output>): grpc.ClientUnaryCall;
  closeClientDataStream(argument: _mesh_v1_CloseClientDataStreamRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_CloseClientDataStreamResponse__Output>): grpc.ClientUnaryCall;
  closeClientDataStream(argument: _mesh_v1_CloseClientDataStreamRequest, callback: grpc.requestCallback<_mesh_v1_CloseClientDataStreamResponse__Output>): grpc.ClientUnaryCall;
  
  CreateToken(argument: _mesh_v1_CreateTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _mesh_v1_CreateTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _mesh_v1_CreateTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _mesh_v1_CreateTokenRequest, callback: grpc.requestCallback<_mesh_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _mesh_v1_CreateTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _mesh_v1_CreateTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _mesh_v1_CreateTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _mesh_v1_CreateTokenRequest, callback: grpc.requestCallback<_mesh_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  
  DropLink(argument: _mesh_v1_DropLinkRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_DropLinkResponse__Output>): grpc.ClientUnaryCall;
  DropLink(argument: _mesh_v1_DropLinkRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_DropLinkResponse__Output>): grpc.ClientUnaryCall;
  DropLink(argument: _mesh_v1_DropLinkRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_DropLinkResponse__Output>): grpc.ClientUnaryCall;
  DropLink(argument: _mesh_v1_DropLinkRequest, callback: grpc.requestCallback<_mesh_v1_DropLinkResponse__Output>): grpc.ClientUnaryCall;
  dropLink(argument: _mesh_v1_DropLinkRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_DropLinkResponse__Output>): grpc.ClientUnaryCall;
  dropLink(argument: _mesh_v1_DropLinkRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_DropLinkResponse__Output>): grpc.ClientUnaryCall;
  dropLink(argument: _mesh_v1_DropLinkRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_DropLinkResponse__Output>): grpc.ClientUnaryCall;
  dropLink(argument: _mesh_v1_DropLinkRequest, callback: grpc.requestCallback<_mesh_v1_DropLinkResponse__Output>): grpc.ClientUnaryCall;
  
  EstablishFullLinks(argument: _mesh_v1_EstablishFullLinksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_EstablishFullLinksResponse__Output>): grpc.ClientUnaryCall;
  EstablishFullLinks(argument: _mesh_v1_EstablishFullLinksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_EstablishFullLinksResponse__Output>): grpc.ClientUnaryCall;
  EstablishFullLinks(argument: _mesh_v1_EstablishFullLinksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_EstablishFullLinksResponse__Output>): grpc.ClientUnaryCall;
  EstablishFullLinks(argument: _mesh_v1_EstablishFullLinksRequest, callback: grpc.requestCallback<_mesh_v1_EstablishFullLinksResponse__Output>): grpc.ClientUnaryCall;
  establishFullLinks(argument: _mesh_v1_EstablishFullLinksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_EstablishFullLinksResponse__Output>): grpc.ClientUnaryCall;
  establishFullLinks(argument: _mesh_v1_EstablishFullLinksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_EstablishFullLinksResponse__Output>): grpc.ClientUnaryCall;
  establishFullLinks(argument: _mesh_v1_EstablishFullLinksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_EstablishFullLinksResponse__Output>): grpc.ClientUnaryCall;
  establishFullLinks(argument: _mesh_v1_EstablishFullLinksRequest, callback: grpc.requestCallback<_mesh_v1_EstablishFullLinksResponse__Output>): grpc.ClientUnaryCall;
  
  EvictNode(argument: _mesh_v1_EvictNodeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_EvictNodeResponse__Output>): grpc.ClientUnaryCall;
  EvictNode(argument: _mesh_v1_EvictNodeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_EvictNodeResponse__Output>): grpc.ClientUnaryCall;
  EvictNode(argument: _mesh_v1_EvictNodeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_EvictNodeResponse__Output>): grpc.ClientUnaryCall;
  EvictNode(argument: _mesh_v1_EvictNodeRequest, callback: grpc.requestCallback<_mesh_v1_EvictNodeResponse__Output>): grpc.ClientUnaryCall;
  evictNode(argument: _mesh_v1_EvictNodeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_EvictNodeResponse__Output>): grpc.ClientUnaryCall;
  evictNode(argument: _mesh_v1_EvictNodeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_EvictNodeResponse__Output>): grpc.ClientUnaryCall;
  evictNode(argument: _mesh_v1_EvictNodeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_EvictNodeResponse__Output>): grpc.ClientUnaryCall;
  evictNode(argument: _mesh_v1_EvictNodeRequest, callback: grpc.requestCallback<_mesh_v1_EvictNodeResponse__Output>): grpc.ClientUnaryCall;
  
  GetMeshStatus(argument: _mesh_v1_GetMeshStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_MeshStatus__Output>): grpc.ClientUnaryCall;
  GetMeshStatus(argument: _mesh_v1_GetMeshStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_MeshStatus__Output>): grpc.ClientUnaryCall;
  GetMeshStatus(argument: _mesh_v1_GetMeshStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_MeshStatus__Output>): grpc.ClientUnaryCall;
  GetMeshStatus(argument: _mesh_v1_GetMeshStatusRequest, callback: grpc.requestCallback<_mesh_v1_MeshStatus__Output>): grpc.ClientUnaryCall;
  getMeshStatus(argument: _mesh_v1_GetMeshStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_MeshStatus__Output>): grpc.ClientUnaryCall;
  getMeshStatus(argument: _mesh_v1_GetMeshStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_MeshStatus__Output>): grpc.ClientUnaryCall;
  getMeshStatus(argument: _mesh_v1_GetMeshStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_MeshStatus__Output>): grpc.ClientUnaryCall;
  getMeshStatus(argument: _mesh_v1_GetMeshStatusRequest, callback: grpc.requestCallback<_mesh_v1_MeshStatus__Output>): grpc.ClientUnaryCall;
  
  GetTenantKeys(argument: _mesh_v1_GetTenantKeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_GetTenantKeysResponse__Output>): grpc.ClientUnaryCall;
  GetTenantKeys(argument: _mesh_v1_GetTenantKeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_GetTenantKeysResponse__Output>): grpc.ClientUnaryCall;
  GetTenantKeys(argument: _mesh_v1_GetTenantKeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_GetTenantKeysResponse__Output>): grpc.ClientUnaryCall;
  GetTenantKeys(argument: _mesh_v1_GetTenantKeysRequest, callback: grpc.requestCallback<_mesh_v1_GetTenantKeysResponse__Output>): grpc.ClientUnaryCall;
  getTenantKeys(argument: _mesh_v1_GetTenantKeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_GetTenantKeysResponse__Output>): grpc.ClientUnaryCall;
  getTenantKeys(argument: _mesh_v1_GetTenantKeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_GetTenantKeysResponse__Output>): grpc.ClientUnaryCall;
  getTenantKeys(argument: _mesh_v1_GetTenantKeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_GetTenantKeysResponse__Output>): grpc.ClientUnaryCall;
  getTenantKeys(argument: _mesh_v1_GetTenantKeysRequest, callback: grpc.requestCallback<_mesh_v1_GetTenantKeysResponse__Output>): grpc.ClientUnaryCall;
  
  GrantAcl(argument: _mesh_v1_AclEntry, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_AclChangeResponse__Output>): grpc.ClientUnaryCall;
  GrantAcl(argument: _mesh_v1_AclEntry, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_AclChangeResponse__Output>): grpc.ClientUnaryCall;
  GrantAcl(argument: _mesh_v1_AclEntry, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_AclChangeResponse__Output>): grpc.ClientUnaryCall;
  GrantAcl(argument: _mesh_v1_AclEntry, callback: grpc.requestCallback<_mesh_v1_AclChangeResponse__Output>): grpc.ClientUnaryCall;
  grantAcl(argument: _mesh_v1_AclEntry, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_AclChangeResponse__Output>): grpc.ClientUnaryCall;
  grantAcl(argument: _mesh_v1_AclEntry, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_AclChangeResponse__Output>): grpc.ClientUnaryCall;
  grantAcl(argument: _mesh_v1_AclEntry, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_AclChangeResponse__Output>): grpc.ClientUnaryCall;
  grantAcl(argument: _mesh_v1_AclEntry, callback: grpc.requestCallback<_mesh_v1_AclChangeResponse__Output>): grpc.ClientUnaryCall;
  
  JoinMesh(argument: _mesh_v1_JoinMeshRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_JoinMeshResponse__Output>): grpc.ClientUnaryCall;
  JoinMesh(argument: _mesh_v1_JoinMeshRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_JoinMeshResponse__Output>): grpc.ClientUnaryCall;
  JoinMesh(argument: _mesh_v1_JoinMeshRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_JoinMeshResponse__Output>): grpc.ClientUnaryCall;
  JoinMesh(argument: _mesh_v1_JoinMeshRequest, callback: grpc.requestCallback<_mesh_v1_JoinMeshResponse__Output>): grpc.ClientUnaryCall;
  joinMesh(argument: _mesh_v1_JoinMeshRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_JoinMeshResponse__Output>): grpc.ClientUnaryCall;
  joinMesh(argument: _mesh_v1_JoinMeshRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_JoinMeshResponse__Output>): grpc.ClientUnaryCall;
  joinMesh(argument: _mesh_v1_JoinMeshRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_JoinMeshResponse__Output>): grpc.ClientUnaryCall;
  joinMesh(argument: _mesh_v1_JoinMeshRequest, callback: grpc.requestCallback<_mesh_v1_JoinMeshResponse__Output>): grpc.ClientUnaryCall;
  
  LeaveMesh(argument: _mesh_v1_LeaveMeshRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_LeaveMeshResponse__Output>): grpc.ClientUnaryCall;
  LeaveMesh(argument: _mesh_v1_LeaveMeshRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_LeaveMeshResponse__Output>): grpc.ClientUnaryCall;
  LeaveMesh(argument: _mesh_v1_LeaveMeshRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_LeaveMeshResponse__Output>): grpc.ClientUnaryCall;
  LeaveMesh(argument: _mesh_v1_LeaveMeshRequest, callback: grpc.requestCallback<_mesh_v1_LeaveMeshResponse__Output>): grpc.ClientUnaryCall;
  leaveMesh(argument: _mesh_v1_LeaveMeshRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_LeaveMeshResponse__Output>): grpc.ClientUnaryCall;
  leaveMesh(argument: _mesh_v1_LeaveMeshRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_LeaveMeshResponse__Output>): grpc.ClientUnaryCall;
  leaveMesh(argument: _mesh_v1_LeaveMeshRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_LeaveMeshResponse__Output>): grpc.ClientUnaryCall;
  leaveMesh(argument: _mesh_v1_LeaveMeshRequest, callback: grpc.requestCallback<_mesh_v1_LeaveMeshResponse__Output>): grpc.ClientUnaryCall;
  
  ListAcls(argument: _mesh_v1_ListAclsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_ListAclsResponse__Output>): grpc.ClientUnaryCall;
  ListAcls(argument: _mesh_v1_ListAclsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_ListAclsResponse__Output>): grpc.ClientUnaryCall;
  ListAcls(argument: _mesh_v1_ListAclsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_ListAclsResponse__Output>): grpc.ClientUnaryCall;
  ListAcls(argument: _mesh_v1_ListAclsRequest, callback: grpc.requestCallback<_mesh_v1_ListAclsResponse__Output>): grpc.ClientUnaryCall;
  listAcls(argument: _mesh_v1_ListAclsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_ListAclsResponse__Output>): grpc.ClientUnaryCall;
  listAcls(argument: _mesh_v1_ListAclsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_ListAclsResponse__Output>): grpc.ClientUnaryCall;
  listAcls(argument: _mesh_v1_ListAclsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_ListAclsResponse__Output>): grpc.ClientUnaryCall;
  listAcls(argument: _mesh_v1_ListAclsRequest, callback: grpc.requestCallback<_mesh_v1_ListAclsResponse__Output>): grpc.ClientUnaryCall;
  
  ListTokens(argument: _mesh_v1_ListTokensRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  ListTokens(argument: _mesh_v1_ListTokensRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  ListTokens(argument: _mesh_v1_ListTokensRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  ListTokens(argument: _mesh_v1_ListTokensRequest, callback: grpc.requestCallback<_mesh_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _mesh_v1_ListTokensRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _mesh_v1_ListTokensRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _mesh_v1_ListTokensRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _mesh_v1_ListTokensRequest, callback: grpc.requestCallback<_mesh_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  
  OpenClientDataStream(argument: _mesh_v1_OpenClientDataStreamRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_OpenClientDataStreamResponse__Output>): grpc.ClientUnaryCall;
  OpenClientDataStream(argument: _mesh_v1_OpenClientDataStreamRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_OpenClientDataStreamResponse__Output>): grpc.ClientUnaryCall;
  OpenClientDataStream(argument: _mesh_v1_OpenClientDataStreamRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_OpenClientDataStreamResponse__Output>): grpc.ClientUnaryCall;
  OpenClientDataStream(argument: _mesh_v1_OpenClientDataStreamRequest, callback: grpc.requestCallback<_mesh_v1_OpenClientDataStreamResponse__Output>): grpc.ClientUnaryCall;
  openClientDataStream(argument: _mesh_v1_OpenClientDataStreamRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_OpenClientDataStreamResponse__Output>): grpc.ClientUnaryCall;
  openClientDataStream(argument: _mesh_v1_OpenClientDataStreamRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_OpenClientDataStreamResponse__Output>): grpc.ClientUnaryCall;
  openClientDataStream(argument: _mesh_v1_OpenClientDataStreamRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_OpenClientDataStreamResponse__Output>): grpc.ClientUnaryCall;
  openClientDataStream(argument: _mesh_v1_OpenClientDataStreamRequest, callback: grpc.requestCallback<_mesh_v1_OpenClientDataStreamResponse__Output>): grpc.ClientUnaryCall;
  
  PublishClientData(argument: _mesh_v1_PublishClientDataRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_PublishClientDataResponse__Output>): grpc.ClientUnaryCall;
  PublishClientData(argument: _mesh_v1_PublishClientDataRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_PublishClientDataResponse__Output>): grpc.ClientUnaryCall;
  PublishClientData(argument: _mesh_v1_PublishClientDataRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_PublishClientDataResponse__Output>): grpc.ClientUnaryCall;
  PublishClientData(argument: _mesh_v1_PublishClientDataRequest, callback: grpc.requestCallback<_mesh_v1_PublishClientDataResponse__Output>): grpc.ClientUnaryCall;
  publishClientData(argument: _mesh_v1_PublishClientDataRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_PublishClientDataResponse__Output>): grpc.ClientUnaryCall;
  publishClientData(argument: _mesh_v1_PublishClientDataRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_PublishClientDataResponse__Output>): grpc.ClientUnaryCall;
  publishClientData(argument: _mesh_v1_PublishClientDataRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_PublishClientDataResponse__Output>): grpc.ClientUnaryCall;
  publishClientData(argument: _mesh_v1_PublishClientDataRequest, callback: grpc.requestCallback<_mesh_v1_PublishClientDataResponse__Output>): grpc.ClientUnaryCall;
  
  PublishClientDataStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_mesh_v1_PublishClientDataRequest, _mesh_v1_PublishClientDataResponse__Output>;
  PublishClientDataStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_mesh_v1_PublishClientDataRequest, _mesh_v1_PublishClientDataResponse__Output>;
  publishClientDataStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_mesh_v1_PublishClientDataRequest, _mesh_v1_PublishClientDataResponse__Output>;
  publishClientDataStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_mesh_v1_PublishClientDataRequest, _mesh_v1_PublishClientDataResponse__Output>;
  
  RevokeAcl(argument: _mesh_v1_AclEntry, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_AclChangeResponse__Output>): grpc.ClientUnaryCall;
  RevokeAcl(argument: _mesh_v1_AclEntry, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_AclChangeResponse__Output>): grpc.ClientUnaryCall;
  RevokeAcl(argument: _mesh_v1_AclEntry, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_AclChangeResponse__Output>): grpc.ClientUnaryCall;
  RevokeAcl(argument: _mesh_v1_AclEntry, callback: grpc.requestCallback<_mesh_v1_AclChangeResponse__Output>): grpc.ClientUnaryCall;
  revokeAcl(argument: _mesh_v1_AclEntry, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_AclChangeResponse__Output>): grpc.ClientUnaryCall;
  revokeAcl(argument: _mesh_v1_AclEntry, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_AclChangeResponse__Output>): grpc.ClientUnaryCall;
  revokeAcl(argument: _mesh_v1_AclEntry, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_AclChangeResponse__Output>): grpc.ClientUnaryCall;
  revokeAcl(argument: _mesh_v1_AclEntry, callback: grpc.requestCallback<_mesh_v1_AclChangeResponse__Output>): grpc.ClientUnaryCall;
  
  RevokeToken(argument: _mesh_v1_RevokeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _mesh_v1_RevokeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _mesh_v1_RevokeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _mesh_v1_RevokeTokenRequest, callback: grpc.requestCallback<_mesh_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _mesh_v1_RevokeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _mesh_v1_RevokeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _mesh_v1_RevokeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _mesh_v1_RevokeTokenRequest, callback: grpc.requestCallback<_mesh_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  
  RotateNodeKey(argument: _mesh_v1_RotateNodeKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_RotateNodeKeyResponse__Output>): grpc.ClientUnaryCall;
  RotateNodeKey(argument: _mesh_v1_RotateNodeKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_RotateNodeKeyResponse__Output>): grpc.ClientUnaryCall;
  RotateNodeKey(argument: _mesh_v1_RotateNodeKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_RotateNodeKeyResponse__Output>): grpc.ClientUnaryCall;
  RotateNodeKey(argument: _mesh_v1_RotateNodeKeyRequest, callback: grpc.requestCallback<_mesh_v1_RotateNodeKeyResponse__Output>): grpc.ClientUnaryCall;
  rotateNodeKey(argument: _mesh_v1_RotateNodeKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_RotateNodeKeyResponse__Output>): grpc.ClientUnaryCall;
  rotateNodeKey(argument: _mesh_v1_RotateNodeKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_RotateNodeKeyResponse__Output>): grpc.ClientUnaryCall;
  rotateNodeKey(argument: _mesh_v1_RotateNodeKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_RotateNodeKeyResponse__Output>): grpc.ClientUnaryCall;
  rotateNodeKey(argument: _mesh_v1_RotateNodeKeyRequest, callback: grpc.requestCallback<_mesh_v1_RotateNodeKeyResponse__Output>): grpc.ClientUnaryCall;
  
  RotateTenantKey(argument: _mesh_v1_RotateTenantKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_RotateTenantKeyResponse__Output>): grpc.ClientUnaryCall;
  RotateTenantKey(argument: _mesh_v1_RotateTenantKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_RotateTenantKeyResponse__Output>): grpc.ClientUnaryCall;
  RotateTenantKey(argument: _mesh_v1_RotateTenantKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_RotateTenantKeyResponse__Output>): grpc.ClientUnaryCall;
  RotateTenantKey(argument: _mesh_v1_RotateTenantKeyRequest, callback: grpc.requestCallback<_mesh_v1_RotateTenantKeyResponse__Output>): grpc.ClientUnaryCall;
  rotateTenantKey(argument: _mesh_v1_RotateTenantKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_RotateTenantKeyResponse__Output>): grpc.ClientUnaryCall;
  rotateTenantKey(argument: _mesh_v1_RotateTenantKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_RotateTenantKeyResponse__Output>): grpc.ClientUnaryCall;
  rotateTenantKey(argument: _mesh_v1_RotateTenantKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_RotateTenantKeyResponse__Output>): grpc.ClientUnaryCall;
  rotateTenantKey(argument: _mesh_v1_RotateTenantKeyRequest, callback: grpc.requestCallback<_mesh_v1_RotateTenantKeyResponse__Output>): grpc.ClientUnaryCall;
  
  SeedMesh(argument: _mesh_v1_SeedMeshRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SeedMeshResponse__Output>): grpc.ClientUnaryCall;
  SeedMesh(argument: _mesh_v1_SeedMeshRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_SeedMeshResponse__Output>): grpc.ClientUnaryCall;
  SeedMesh(argument: _mesh_v1_SeedMeshRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SeedMeshResponse__Output>): grpc.ClientUnaryCall;
  SeedMesh(argument: _mesh_v1_SeedMeshRequest, callback: grpc.requestCallback<_mesh_v1_SeedMeshResponse__Output>): grpc.ClientUnaryCall;
  seedMesh(argument: _mesh_v1_SeedMeshRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SeedMeshResponse__Output>): grpc.ClientUnaryCall;
  seedMesh(argument: _mesh_v1_SeedMeshRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_SeedMeshResponse__Output>): grpc.ClientUnaryCall;
  seedMesh(argument: _mesh_v1_SeedMeshRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SeedMeshResponse__Output>): grpc.ClientUnaryCall;
  seedMesh(argument: _mesh_v1_SeedMeshRequest, callback: grpc.requestCallback<_mesh_v1_SeedMeshResponse__Output>): grpc.ClientUnaryCall;
  
  SendInternalDBUpdate(argument: _mesh_v1_SendInternalDBUpdateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SendUpdateResponse__Output>): grpc.ClientUnaryCall;
  SendInternalDBUpdate(argument: _mesh_v1_SendInternalDBUpdateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_SendUpdateResponse__Output>): grpc.ClientUnaryCall;
  SendInternalDBUpdate(argument: _mesh_v1_SendInternalDBUpdateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SendUpdateResponse__Output>): grpc.ClientUnaryCall;
  SendInternalDBUpdate(argument: _mesh_v1_SendInternalDBUpdateRequest, callback: grpc.requestCallback<_mesh_v1_SendUpdateResponse__Output>): grpc.ClientUnaryCall;
  sendInternalDbUpdate(argument: _mesh_v1_SendInternalDBUpdateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SendUpdateResponse__Output>): grpc.ClientUnaryCall;
  sendInternalDbUpdate(argument: _mesh_v1_SendInternalDBUpdateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_SendUpdateResponse__Output>): grpc.ClientUnaryCall;
  sendInternalDbUpdate(argument: _mesh_v1_SendInternalDBUpdateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SendUpdateResponse__Output>): grpc.ClientUnaryCall;
  sendInternalDbUpdate(argument: _mesh_v1_SendInternalDBUpdateRequest, callback: grpc.requestCallback<_mesh_v1_SendUpdateResponse__Output>): grpc.ClientUnaryCall;
  
  SendMeshUpdate(argument: _mesh_v1_SendMeshUpdateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SendUpdateResponse__Output>): grpc.ClientUnaryCall;
  SendMeshUpdate(argument: _mesh_v1_SendMeshUpdateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_SendUpdateResponse__Output>): grpc.ClientUnaryCall;
  SendMeshUpdate(argument: _mesh_v1_SendMeshUpdateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SendUpdateResponse__Output>): grpc.ClientUnaryCall;
  SendMeshUpdate(argument: _mesh_v1_SendMeshUpdateRequest, callback: grpc.requestCallback<_mesh_v1_SendUpdateResponse__Output>): grpc.ClientUnaryCall;
  sendMeshUpdate(argument: _mesh_v1_SendMeshUpdateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SendUpdateResponse__Output>): grpc.ClientUnaryCall;
  sendMeshUpdate(argument: _mesh_v1_SendMeshUpdateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_SendUpdateResponse__Output>): grpc.ClientUnaryCall;
  sendMeshUpdate(argument: _mesh_v1_SendMeshUpdateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SendUpdateResponse__Output>): grpc.ClientUnaryCall;
  sendMeshUpdate(argument: _mesh_v1_SendMeshUpdateRequest, callback: grpc.requestCallback<_mesh_v1_SendUpdateResponse__Output>): grpc.ClientUnaryCall;
  
  SendNodeUpdate(argument: _mesh_v1_SendNodeUpdateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SendUpdateResponse__Output>): grpc.ClientUnaryCall;
  SendNodeUpdate(argument: _mesh_v1_SendNodeUpdateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_SendUpdateResponse__Output>): grpc.ClientUnaryCall;
  SendNodeUpdate(argument: _mesh_v1_SendNodeUpdateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SendUpdateResponse__Output>): grpc.ClientUnaryCall;
  SendNodeUpdate(argument: _mesh_v1_SendNodeUpdateRequest, callback: grpc.requestCallback<_mesh_v1_SendUpdateResponse__Output>): grpc.ClientUnaryCall;
  sendNodeUpdate(argument: _mesh_v1_SendNodeUpdateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SendUpdateResponse__Output>): grpc.ClientUnaryCall;
  sendNodeUpdate(argument: _mesh_v1_SendNodeUpdateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_SendUpdateResponse__Output>): grpc.ClientUnaryCall;
  sendNodeUpdate(argument: _mesh_v1_SendNodeUpdateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SendUpdateResponse__Output>): grpc.ClientUnaryCall;
  sendNodeUpdate(argument: _mesh_v1_SendNodeUpdateRequest, callback: grpc.requestCallback<_mesh_v1_SendUpdateResponse__Output>): grpc.ClientUnaryCall;
  
  SetJoinPolicy(argument: _mesh_v1_SetJoinPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SetJoinPolicyResponse__Output>): grpc.ClientUnaryCall;
  SetJoinPolicy(argument: _mesh_v1_SetJoinPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_SetJoinPolicyResponse__Output>): grpc.ClientUnaryCall;
  SetJoinPolicy(argument: _mesh_v1_SetJoinPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SetJoinPolicyResponse__Output>): grpc.ClientUnaryCall;
  SetJoinPolicy(argument: _mesh_v1_SetJoinPolicyRequest, callback: grpc.requestCallback<_mesh_v1_SetJoinPolicyResponse__Output>): grpc.ClientUnaryCall;
  setJoinPolicy(argument: _mesh_v1_SetJoinPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SetJoinPolicyResponse__Output>): grpc.ClientUnaryCall;
  setJoinPolicy(argument: _mesh_v1_SetJoinPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_SetJoinPolicyResponse__Output>): grpc.ClientUnaryCall;
  setJoinPolicy(argument: _mesh_v1_SetJoinPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SetJoinPolicyResponse__Output>): grpc.ClientUnaryCall;
  setJoinPolicy(argument: _mesh_v1_SetJoinPolicyRequest, callback: grpc.requestCallback<_mesh_v1_SetJoinPolicyResponse__Output>): grpc.ClientUnaryCall;
  
  StartMesh(argument: _mesh_v1_StartMeshRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_StartMeshResponse__Output>): grpc.ClientUnaryCall;
  StartMesh(argument: _mesh_v1_StartMeshRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_StartMeshResponse__Output>): grpc.ClientUnaryCall;
  StartMesh(argument: _mesh_v1_StartMeshRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_StartMeshResponse__Output>): grpc.ClientUnaryCall;
  StartMesh(argument: _mesh_v1_StartMeshRequest, callback: grpc.requestCallback<_mesh_v1_StartMeshResponse__Output>): grpc.ClientUnaryCall;
  startMesh(argument: _mesh_v1_StartMeshRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_StartMeshResponse__Output>): grpc.ClientUnaryCall;
  startMesh(argument: _mesh_v1_StartMeshRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_StartMeshResponse__Output>): grpc.ClientUnaryCall;
  startMesh(argument: _mesh_v1_StartMeshRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_StartMeshResponse__Output>): grpc.ClientUnaryCall;
  startMesh(argument: _mesh_v1_StartMeshRequest, callback: grpc.requestCallback<_mesh_v1_StartMeshResponse__Output>): grpc.ClientUnaryCall;
  
  StopMesh(argument: _mesh_v1_StopMeshRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_StopMeshResponse__Output>): grpc.ClientUnaryCall;
  StopMesh(argument: _mesh_v1_StopMeshRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_StopMeshResponse__Output>): grpc.ClientUnaryCall;
  StopMesh(argument: _mesh_v1_StopMeshRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_StopMeshResponse__Output>): grpc.ClientUnaryCall;
  StopMesh(argument: _mesh_v1_StopMeshRequest, callback: grpc.requestCallback<_mesh_v1_StopMeshResponse__Output>): grpc.ClientUnaryCall;
  stopMesh(argument: _mesh_v1_StopMeshRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_StopMeshResponse__Output>): grpc.ClientUnaryCall;
  stopMesh(argument: _mesh_v1_StopMeshRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_StopMeshResponse__Output>): grpc.ClientUnaryCall;
  stopMesh(argument: _mesh_v1_StopMeshRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_StopMeshResponse__Output>): grpc.ClientUnaryCall;
  stopMesh(argument: _mesh_v1_StopMeshRequest, callback: grpc.requestCallback<_mesh_v1_StopMeshResponse__Output>): grpc.ClientUnaryCall;
  
  SubscribeClientData(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_mesh_v1_SubscribeClientDataRequest, _mesh_v1_SubscribeClientDataResponse__Output>;
  SubscribeClientData(options?: grpc.CallOptions): grpc.ClientDuplexStream<_mesh_v1_SubscribeClientDataRequest, _mesh_v1_SubscribeClientDataResponse__Output>;
  subscribeClientData(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_mesh_v1_SubscribeClientDataRequest, _mesh_v1_SubscribeClientDataResponse__Output>;
  subscribeClientData(options?: grpc.CallOptions): grpc.ClientDuplexStream<_mesh_v1_SubscribeClientDataRequest, _mesh_v1_SubscribeClientDataResponse__Output>;
  
  SubscribeInternalDBUpdates(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_mesh_v1_SubscribeUpdatesRequest, _mesh_v1_SubscribeUpdatesResponse__Output>;
  SubscribeInternalDBUpdates(options?: grpc.CallOptions): grpc.ClientDuplexStream<_mesh_v1_SubscribeUpdatesRequest, _mesh_v1_SubscribeUpdatesResponse__Output>;
  subscribeInternalDbUpdates(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_mesh_v1_SubscribeUpdatesRequest, _mesh_v1_SubscribeUpdatesResponse__Output>;
  subscribeInternalDbUpdates(options?: grpc.CallOptions): grpc.ClientDuplexStream<_mesh_v1_SubscribeUpdatesRequest, _mesh_v1_SubscribeUpdatesResponse__Output>;
  
  SubscribeMeshUpdates(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_mesh_v1_SubscribeUpdatesRequest, _mesh_v1_SubscribeUpdatesResponse__Output>;
  SubscribeMeshUpdates(options?: grpc.CallOptions): grpc.ClientDuplexStream<_mesh_v1_SubscribeUpdatesRequest, _mesh_v1_SubscribeUpdatesResponse__Output>;
  subscribeMeshUpdates(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_mesh_v1_SubscribeUpdatesRequest, _mesh_v1_SubscribeUpdatesResponse__Output>;
  subscribeMeshUpdates(options?: grpc.CallOptions): grpc.ClientDuplexStream<_mesh_v1_SubscribeUpdatesRequest, _mesh_v1_SubscribeUpdatesResponse__Output>;
  
  SubscribeNodeUpdates(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_mesh_v1_SubscribeUpdatesRequest, _mesh_v1_SubscribeUpdatesResponse__Output>;
  SubscribeNodeUpdates(options?: grpc.CallOptions): grpc.ClientDuplexStream<_mesh_v1_SubscribeUpdatesRequest, _mesh_v1_SubscribeUpdatesResponse__Output>;
  subscribeNodeUpdates(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_mesh_v1_SubscribeUpdatesRequest, _mesh_v1_SubscribeUpdatesResponse__Output>;
  subscribeNodeUpdates(options?: grpc.CallOptions): grpc.ClientDuplexStream<_mesh_v1_SubscribeUpdatesRequest, _mesh_v1_SubscribeUpdatesResponse__Output>;
  
  WatchMeshEvents(argument: _mesh_v1_WatchMeshEventsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_mesh_v1_MeshEvent__Output>;
  WatchMeshEvents(argument: _mesh_v1_WatchMeshEventsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_mesh_v1_MeshEvent__Output>;
  watchMeshEvents(argument: _mesh_v1_WatchMeshEventsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_mesh_v1_MeshEvent__Output>;
  watchMeshEvents(argument: _mesh_v1_WatchMeshEventsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_mesh_v1_MeshEvent__Output>;
  
}

export interface MeshServiceHandlers extends grpc.UntypedServiceImplementation {
  AddLink: grpc.handleUnaryCall<_mesh_v1_AddLinkRequest__Output, _mesh_v1_AddLinkResponse>;
  
  CloseClientDataStream: grpc.handleUnaryCall<_mesh_v1_CloseClientDataStreamRequest__Output, _mesh_v1_CloseClientDataStreamResponse>;
  
  CreateToken: grpc.handleUnaryCall<_mesh_v1_CreateTokenRequest__Output, _mesh_v1_CreateTokenResponse>;
  
  DropLink: grpc.handleUnaryCall<_mesh_v1_DropLinkRequest__Output, _mesh_v1_DropLinkResponse>;
  
  EstablishFullLinks: grpc.handleUnaryCall<_mesh_v1_EstablishFullLinksRequest__Output, _mesh_v1_EstablishFullLinksResponse>;
  
  EvictNode: grpc.handleUnaryCall<_mesh_v1_EvictNodeRequest__Output, _mesh_v1_EvictNodeResponse>;
  
  GetMeshStatus: grpc.handleUnaryCall<_mesh_v1_GetMeshStatusRequest__Output, _mesh_v1_MeshStatus>;
  
  GetTenantKeys: grpc.handleUnaryCall<_mesh_v1_GetTenantKeysRequest__Output, _mesh_v1_GetTenantKeysResponse>;
  
  GrantAcl: grpc.handleUnaryCall<_mesh_v1_AclEntry__Output, _mesh_v1_AclChangeResponse>;
  
  JoinMesh: grpc.handleUnaryCall<_mesh_v1_JoinMeshRequest__Output, _mesh_v1_JoinMeshResponse>;
  
  LeaveMesh: grpc.handleUnaryCall<_mesh_v1_LeaveMeshRequest__Output, _mesh_v1_LeaveMeshResponse>;
  
  ListAcls: grpc.handleUnaryCall<_mesh_v1_ListAclsRequest__Output, _mesh_v1_ListAclsResponse>;
  
  ListTokens: grpc.handleUnaryCall<_mesh_v1_ListTokensRequest__Output, _mesh_v1_ListTokensResponse>;
  
  OpenClientDataStream: grpc.handleUnaryCall<_mesh_v1_OpenClientDataStreamRequest__Output, _mesh_v1_OpenClientDataStreamResponse>;
  
  PublishClientData: grpc.handleUnaryCall<_mesh_v1_PublishClientDataRequest__Output, _mesh_v1_PublishClientDataResponse>;
  
  PublishClientDataStream: grpc.handleBidiStreamingCall<_mesh_v1_PublishClientDataRequest__Output, _mesh_v1_PublishClientDataResponse>;
  
  RevokeAcl: grpc.handleUnaryCall<_mesh_v1_AclEntry__Output, _mesh_v1_AclChangeResponse>;
  
  RevokeToken: grpc.handleUnaryCall<_mesh_v1_RevokeTokenRequest__Output, _mesh_v1_RevokeTokenResponse>;
  
  RotateNodeKey: grpc.handleUnaryCall<_mesh_v1_RotateNodeKeyRequest__Output, _mesh_v1_RotateNodeKeyResponse>;
  
  RotateTenantKey: grpc.handleUnaryCall<_mesh_v1_RotateTenantKeyRequest__Output, _mesh_v1_RotateTenantKeyResponse>;
  
  SeedMesh: grpc.handleUnaryCall<_mesh_v1_SeedMeshRequest__Output, _mesh_v1_SeedMeshResponse>;
  
  SendInternalDBUpdate: grpc.handleUnaryCall<_mesh_v1_SendInternalDBUpdateRequest__Output, _mesh_v1_SendUpdateResponse>;
  
  SendMeshUpdate: grpc.handleUnaryCall<_mesh_v1_SendMeshUpdateRequest__Output, _mesh_v1_SendUpdateResponse>;
  
  SendNodeUpdate: grpc.handleUnaryCall<_mesh_v1_SendNodeUpdateRequest__Output, _mesh_v1_SendUpdateResponse>;
  
  SetJoinPolicy: grpc.handleUnaryCall<_mesh_v1_SetJoinPolicyRequest__Output, _mesh_v1_SetJoinPolicyResponse>;
  
  StartMesh: grpc.handleUnaryCall<_mesh_v1_StartMeshRequest__Output, _mesh_v1_StartMeshResponse>;
  
  StopMesh: grpc.handleUnaryCall<_mesh_v1_StopMeshRequest__Output, _mesh_v1_StopMeshResponse>;
  
  SubscribeClientData: grpc.handleBidiStreamingCall<_mesh_v1_SubscribeClientDataRequest__Output, _mesh_v1_SubscribeClientDataResponse>;
  
  SubscribeInternalDBUpdates: grpc.handleBidiStreamingCall<_mesh_v1_SubscribeUpdatesRequest__Output, _mesh_v1_SubscribeUpdatesResponse>;
  
  SubscribeMeshUpdates: grpc.handleBidiStreamingCall<_mesh_v1_SubscribeUpdatesRequest__Output, _mesh_v1_SubscribeUpdatesResponse>;
  
  SubscribeNodeUpdates: grpc.handleBidiStreamingCall<_mesh_v1_SubscribeUpdatesRequest__Output, _mesh_v1_SubscribeUpdatesResponse>;
  
  WatchMeshEvents: grpc.handleServerStreamingCall<_mesh_v1_WatchMeshEventsRequest__Output, _mesh_v1_MeshEvent>;
  
}

export interface MeshServiceDefinition extends grpc.ServiceDefinition {
  AddLink: MethodDefinition<_mesh_v1_AddLinkRequest, _mesh_v1_AddLinkResponse, _mesh_v1_AddLinkRequest__Output, _mesh_v1_AddLinkResponse__Output>
  CloseClientDataStream: MethodDefinition<_mesh_v1_CloseClientDataStreamRequest, _mesh_v1_CloseClientDataStreamResponse, _mesh_v1_CloseClientDataStreamRequest__Output, _mesh_v1_CloseClientDataStreamResponse__Output>
  CreateToken: MethodDefinition<_mesh_v1_CreateTokenRequest, _mesh_v1_CreateTokenResponse, _mesh_v1_CreateTokenRequest__Output, _mesh_v1_CreateTokenResponse__Output>
  DropLink: MethodDefinition<_mesh_v1_DropLinkRequest, _mesh_v1_DropLinkResponse, _mesh_v1_DropLinkRequest__Output, _mesh_v1_DropLinkResponse__Output>
  EstablishFullLinks: MethodDefinition<_mesh_v1_EstablishFullLinksRequest, _mesh_v1_EstablishFullLinksResponse, _mesh_v1_EstablishFullLinksRequest__Output, _mesh_v1_EstablishFullLinksResponse__Output>
  EvictNode: MethodDefinition<_mesh_v1_EvictNodeRequest, _mesh_v1_EvictNodeResponse, _mesh_v1_EvictNodeRequest__Output, _mesh_v1_EvictNodeResponse__Output>
  GetMeshStatus: MethodDefinition<_mesh_v1_GetMeshStatusRequest, _mesh_v1_MeshStatus, _mesh_v1_GetMeshStatusRequest__Output, _mesh_v1_MeshStatus__Output>
  GetTenantKeys: MethodDefinition<_mesh_v1_GetTenantKeysRequest, _mesh_v1_GetTenantKeysResponse, _mesh_v1_GetTenantKeysRequest__Output, _mesh_v1_GetTenantKeysResponse__Output>
  GrantAcl: MethodDefinition<_mesh_v1_AclEntry, _mesh_v1_AclChangeResponse, _mesh_v1_AclEntry__Output, _mesh_v1_AclChangeResponse__Output>
  JoinMesh: MethodDefinition<_mesh_v1_JoinMeshRequest, _mesh_v1_JoinMeshResponse, _mesh_v1_JoinMeshRequest__Output, _mesh_v1_JoinMeshResponse__Output>
  LeaveMesh: MethodDefinition<_mesh_v1_LeaveMeshRequest, _mesh_v1_LeaveMeshResponse, _mesh_v1_LeaveMeshRequest__Output, _mesh_v1_LeaveMeshResponse__Output>
  ListAcls: MethodDefinition<_mesh_v1_ListAclsRequest, _mesh_v1_ListAclsResponse, _mesh_v1_ListAclsRequest__Output, _mesh_v1_ListAclsResponse__Output>
  ListTokens: MethodDefinition<_mesh_v1_ListTokensRequest, _mesh_v1_ListTokensResponse, _mesh_v1_ListTokensRequest__Output, _mesh_v1_ListTokensResponse__Output>
  OpenClientDataStream: MethodDefinition<_mesh_v1_OpenClientDataStreamRequest, _mesh_v1_OpenClientDataStreamResponse, _mesh_v1_OpenClientDataStreamRequest__Output, _mesh_v1_OpenClientDataStreamResponse__Output>
  PublishClientData: MethodDefinition<_mesh_v1_PublishClientDataRequest, _mesh_v1_PublishClientDataResponse, _mesh_v1_PublishClientDataRequest__Output, _mesh_v1_PublishClientDataResponse__Output>
  PublishClientDataStream: MethodDefinition<_mesh_v1_PublishClientDataRequest, _mesh_v1_PublishClientDataResponse, _mesh_v1_PublishClientDataRequest__Output, _mesh_v1_PublishClientDataResponse__Output>
  RevokeAcl: MethodDefinition<_mesh_v1_AclEntry, _mesh_v1_AclChangeResponse, _mesh_v1_AclEntry__Output, _mesh_v1_AclChangeResponse__Output>
  RevokeToken: MethodDefinition<_mesh_v1_RevokeTokenRequest, _mesh_v1_RevokeTokenResponse, _mesh_v1_RevokeTokenRequest__Output, _mesh_v1_RevokeTokenResponse__Output>
  RotateNodeKey: MethodDefinition<_mesh_v1_RotateNodeKeyRequest, _mesh_v1_RotateNodeKeyResponse, _mesh_v1_RotateNodeKeyRequest__Output, _mesh_v1_RotateNodeKeyResponse__Output>
  RotateTenantKey: MethodDefinition<_mesh_v1_RotateTenantKeyRequest, _mesh_v1_RotateTenantKeyResponse, _mesh_v1_RotateTenantKeyRequest__Output, _mesh_v1_RotateTenantKeyResponse__Output>
  SeedMesh: MethodDefinition<_mesh_v1_SeedMeshRequest, _mesh_v1_SeedMeshResponse, _mesh_v1_SeedMeshRequest__Output, _mesh_v1_SeedMeshResponse__Output>
  SendInternalDBUpdate: MethodDefinition<_mesh_v1_SendInternalDBUpdateRequest, _mesh_v1_SendUpdateResponse, _mesh_v1_SendInternalDBUpdateRequest__Output, _mesh_v1_SendUpdateResponse__Output>
  SendMeshUpdate: MethodDefinition<_mesh_v1_SendMeshUpdateRequest, _mesh_v1_SendUpdateResponse, _mesh_v1_SendMeshUpdateRequest__Output, _mesh_v1_SendUpdateResponse__Output>
  SendNodeUpdate: MethodDefinition<_mesh_v1_SendNodeUpdateRequest, _mesh_v1_SendUpdateResponse, _mesh_v1_SendNodeUpdateRequest__Output, _mesh_v1_SendUpdateResponse__Output>
  SetJoinPolicy: MethodDefinition<_mesh_v1_SetJoinPolicyRequest, _mesh_v1_SetJoinPolicyResponse, _mesh_v1_SetJoinPolicyRequest__Output, _mesh_v1_SetJoinPolicyResponse__Output>
  StartMesh: MethodDefinition<_mesh_v1_StartMeshRequest, _mesh_v1_StartMeshResponse, _mesh_v1_StartMeshRequest__Output, _mesh_v1_StartMeshResponse__Output>
  StopMesh: MethodDefinition<_mesh_v1_StopMeshRequest, _mesh_v1_StopMeshResponse, _mesh_v1_StopMeshRequest__Output, _mesh_v1_StopMeshResponse__Output>
  SubscribeClientData: MethodDefinition<_mesh_v1_SubscribeClientDataRequest, _mesh_v1_SubscribeClientDataResponse, _mesh_v1_SubscribeClientDataRequest__Output, _mesh_v1_SubscribeClientDataResponse__Output>
  SubscribeInternalDBUpdates: MethodDefinition<_mesh_v1_SubscribeUpdatesRequest, _mesh_v1_SubscribeUpdatesResponse, _mesh_v1_SubscribeUpdatesRequest__Output, _mesh_v1_SubscribeUpdatesResponse__Output>
  SubscribeMeshUpdates: MethodDefinition<_mesh_v1_SubscribeUpdatesRequest, _mesh_v1_SubscribeUpdatesResponse, _mesh_v1_SubscribeUpdatesRequest__Output, _mesh_v1_SubscribeUpdatesResponse__Output>
  SubscribeNodeUpdates: MethodDefinition<_mesh_v1_SubscribeUpdatesRequest, _mesh_v1_SubscribeUpdatesResponse, _mesh_v1_SubscribeUpdatesRequest__Output, _mesh_v1_SubscribeUpdatesResponse__Output>
  WatchMeshEvents: MethodDefinition<_mesh_v1_WatchMeshEventsRequest, _mesh_v1_MeshEvent, _mesh_v1_WatchMeshEventsRequest__Output, _mesh_v1_MeshEvent__Output>
}
