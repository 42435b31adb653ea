import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AclChangeResponse as _mesh_v1_AclChangeResponse, AclChangeResponse__Output as _mesh_v1_AclChangeResponse__Output } from './mesh/v1/AclChangeResponse.js';
import type { AclEntry as _mesh_v1_AclEntry, AclEntry__Output as _mesh_v1_AclEntry__Output } from './mesh/v1/AclEntry.js';
import type { AddLinkRequest as _mesh_v1_AddLinkRequest, AddLinkRequest__Output as _mesh_v1_AddLinkRequest__Output } from './mesh/v1/AddLinkRequest.js';
import type { AddLinkResponse as _mesh_v1_AddLinkResponse, AddLinkResponse__Output as _mesh_v1_AddLinkResponse__Output } from './mesh/v1/AddLinkResponse.js';
import type { CloseClientDataStreamRequest as _mesh_v1_CloseClientDataStreamRequest, CloseClientDataStreamRequest__Output as _mesh_v1_CloseClientDataStreamRequest__Output } from './mesh/v1/CloseClientDataStreamRequest.js';
import type { CloseClientDataStreamResponse as _mesh_v1_CloseClientDataStreamResponse, CloseClientDataStreamResponse__Output as _mesh_v1_CloseClientDataStreamResponse__Output } from './mesh/v1/CloseClientDataStreamResponse.js';
import type { ConsensusMember as _mesh_v1_ConsensusMember, ConsensusMember__Output as _mesh_v1_ConsensusMember__Output } from './mesh/v1/ConsensusMember.js';
import type { ConsensusStatus as _mesh_v1_ConsensusStatus, ConsensusStatus__Output as _mesh_v1_ConsensusStatus__Output } from './mesh/v1/ConsensusStatus.js';
import type { CreateTokenRequest as _mesh_v1_CreateTokenRequest, CreateTokenRequest__Output as _mesh_v1_CreateTokenRequest__Output } from './mesh/v1/CreateTokenRequest.js';
import type { CreateTokenResponse as _mesh_v1_CreateTokenResponse, CreateTokenResponse__Output as _mesh_v1_CreateTokenResponse__Output } from './mesh/v1/CreateTokenResponse.js';
import type { Delivery as _mesh_v1_Delivery, Delivery__Output as _mesh_v1_Delivery__Output } from './mesh/v1/Delivery.js';
import type { DropLinkRequest as _mesh_v1_DropLinkRequest, DropLinkRequest__Output as _mesh_v1_DropLinkRequest__Output } from './mesh/v1/DropLinkRequest.js';
import type { DropLinkResponse as _mesh_v1_DropLinkResponse, DropLinkResponse__Output as _mesh_v1_DropLinkResponse__Output } from './mesh/v1/DropLinkResponse.js';
import type { EstablishFullLinksRequest as _mesh_v1_EstablishFullLinksRequest, EstablishFullLinksRequest__Output as _mesh_v1_EstablishFullLinksRequest__Output } from './mesh/v1/EstablishFullLinksRequest.js';
import type { EstablishFullLinksResponse as _mesh_v1_EstablishFullLinksResponse, EstablishFullLinksResponse__Output as _mesh_v1_EstablishFullLinksResponse__Output } from './mesh/v1/EstablishFullLinksResponse.js';
import type { EvictNodeRequest as _mesh_v1_EvictNodeRequest, EvictNodeRequest__Output as _mesh_v1_EvictNodeRequest__Output } from './mesh/v1/EvictNodeRequest.js';
import type { EvictNodeResponse as _mesh_v1_EvictNodeResponse, EvictNodeResponse__Output as _mesh_v1_EvictNodeResponse__Output } from './mesh/v1/EvictNodeResponse.js';
import type { GetMeshStatusRequest as _mesh_v1_GetMeshStatusRequest, GetMeshStatusRequest__Output as _mesh_v1_GetMeshStatusRequest__Output } from './mesh/v1/GetMeshStatusRequest.js';
import type { GetTenantKeysRequest as _mesh_v1_GetTenantKeysRequest, GetTenantKeysRequest__Output as _mesh_v1_GetTenantKeysRequest__Output } from './mesh/v1/GetTenantKeysRequest.js';
import type { GetTenantKeysResponse as _mesh_v1_GetTenantKeysResponse, GetTenantKeysResponse__Output as _mesh_v1_GetTenantKeysResponse__Output } from './mesh/v1/GetTenantKeysResponse.js';
import type { JoinMeshRequest as _mesh_v1_JoinMeshRequest, JoinMeshRequest__Output as _mesh_v1_JoinMeshRequest__Output } from './mesh/v1/JoinMeshRequest.js';
import type { JoinMeshResponse as _mesh_v1_JoinMeshResponse, JoinMeshResponse__Output as _mesh_v1_JoinMeshResponse__Output } from './mesh/v1/JoinMeshResponse.js';
import type { LeaveMeshRequest as _mesh_v1_LeaveMeshRequest, LeaveMeshRequest__Output as _mesh_v1_LeaveMeshRequest__Output } from './mesh/v1/LeaveMeshRequest.js';
import type { LeaveMeshResponse as _mesh_v1_LeaveMeshResponse, LeaveMeshResponse__Output as _mesh_v1_LeaveMeshResponse__Output } from './mesh/v1/LeaveMeshResponse.js';
import type { LinkResult as _mesh_v1_LinkResult, LinkResult__Output as _mesh_v1_LinkResult__Output } from './mesh/v1/LinkResult.js';
import type { LinkStatus as _mesh_v1_LinkStatus, LinkStatus__Output as _mesh_v1_LinkStatus__Output } from './mesh/v1/LinkStatus.js';
import type { ListAclsRequest as _mesh_v1_ListAclsRequest, ListAclsRequest__Output as _mesh_v1_ListAclsRequest__Output } from './mesh/v1/ListAclsRequest.js';
import type { ListAclsResponse as _mesh_v1_ListAclsResponse, ListAclsResponse__Output as _mesh_v1_ListAclsResponse__Output } from './mesh/v1/ListAclsResponse.js';
import type { ListTokensRequest as _mesh_v1_ListTokensRequest, ListTokensRequest__Output as _mesh_v1_ListTokensRequest__Output } from './mesh/v1/ListTokensRequest.js';
import type { ListTokensResponse as _mesh_v1_ListTokensResponse, ListTokensResponse__Output as _mesh_v1_ListTokensResponse__Output } from './mesh/v1/ListTokensResponse.js';
import type { Member as _mesh_v1_Member, Member__Output as _mesh_v1_Member__Output } from './mesh/v1/Member.js';
import type { MeshEvent as _mesh_v1_MeshEvent, MeshEvent__Output as _mesh_v1_MeshEvent__Output } from './mesh/v1/MeshEvent.js';
import type { MeshServiceClient as _mesh_v1_MeshServiceClient, MeshServiceDefinition as _mesh_v1_MeshServiceDefinition } from './mesh/v1/MeshService.js';
import type { MeshStatus as _mesh_v1_MeshStatus, MeshStatus__Output as _mesh_v1_MeshStatus__Output } from './mesh/v1/MeshStatus.js';
import type { NodeStatus as _mesh_v1_NodeStatus, NodeStatus__Output as _mesh_v1_NodeStatus__Output } from './mesh/v1/NodeStatus.js';
import type { OpenClientDataStreamRequest as _mesh_v1_OpenClientDataStreamRequest, OpenClientDataStreamRequest__Output as _mesh_v1_OpenClientDataStreamRequest__Output } from './mesh/v1/OpenClientDataStreamRequest.js';
import type { OpenClientDataStreamResponse as _mesh_v1_OpenClientDataStreamResponse, OpenClientDataStreamResponse__Output as _mesh_v1_OpenClientDataStreamResponse__Output } from './mesh/v1/OpenClientDataStreamResponse.js';
import type { PublishClientDataRequest as _mesh_v1_PublishClientDataRequest, PublishClientDataRequest__Output as _mesh_v1_PublishClientDataRequest__Output } from './mesh/v1/PublishClientDataRequest.js';
import type { PublishClientDataResponse as _mesh_v1_PublishClientDataResponse, PublishClientDataResponse__Output as _mesh_v1_PublishClientDataResponse__Output } from './mesh/v1/PublishClientDataResponse.js';
import type { RevokeTokenRequest as _mesh_v1_RevokeTokenRequest, RevokeTokenRequest__Output as _mesh_v1_RevokeTokenRequest__Output } from './mesh/v1/RevokeTokenRequest.js';
import type { RevokeTokenResponse as _mesh_v1_RevokeTokenResponse, RevokeTokenResponse__Output as _mesh_v1_RevokeTokenResponse__Output } from './mesh/v1/RevokeTokenResponse.js';
import type { RotateNodeKeyRequest as _mesh_v1_RotateNodeKeyRequest, RotateNodeKeyRequest__Output as _mesh_v1_RotateNodeKeyRequest__Output } from './mesh/v1/RotateNodeKeyRequest.js';
import type { RotateNodeKeyResponse as _mesh_v1_RotateNodeKeyResponse, RotateNodeKeyResponse__Output as _mesh_v1_RotateNodeKeyResponse__Output } from './mesh/v1/RotateNodeKeyResponse.js';
import type { RotateTenantKeyRequest as _mesh_v1_RotateTenantKeyRequest, RotateTenantKeyRequest__Output as _mesh_v1_RotateTenantKeyRequest__Output } from './mesh/v1/RotateTenantKeyRequest.js';
import type { RotateTenantKeyResponse as _mesh_v1_RotateTenantKeyResponse, RotateTenantKeyResponse__Output as _mesh_v1_RotateTenantKeyResponse__Output } from './mesh/v1/RotateTenantKeyResponse.js';
import type { RouteEntry as _mesh_v1_RouteEntry, RouteEntry__Output as _mesh_v1_RouteEntry__Output } from './mesh/v1/RouteEntry.js';
import type { SeedMeshRequest as _mesh_v1_SeedMeshRequest, SeedMeshRequest__Output as _mesh_v1_SeedMeshRequest__Output } from './mesh/v1/SeedMeshRequest.js';
import type { SeedMeshResponse as _mesh_v1_SeedMeshResponse, SeedMeshResponse__Output as _mesh_v1_SeedMeshResponse__Output } from './mesh/v1/SeedMeshResponse.js';
import type { SendInternalDBUpdateRequest as _mesh_v1_SendInternalDBUpdateRequest, SendInternalDBUpdateRequest__Output as _mesh_v1_SendInternalDBUpdateRequest__Output } from './mesh/v1/SendInternalDBUpdateRequest.js';
import type { SendMeshUpdateRequest as _mesh_v1_SendMeshUpdateRequest, SendMeshUpdateRequest__Output as _mesh_v1_SendMeshUpdateRequest__Output } from './mesh/v1/SendMeshUpdateRequest.js';
import type { SendNodeUpdateRequest as _mesh_v1_SendNodeUpdateRequest, SendNodeUpdateRequest__Output as _mesh_v1_SendNodeUpdateRequest__Output } from './mesh/v1/SendNodeUpdateRequest.js';
import type { SendUpdateResponse as _mesh_v1_SendUpdateResponse, SendUpdateResponse__Output as _mesh_v1_SendUpdateResponse__Output } from './mesh/v1/SendUpdateResponse.js';
import type { SetJoinPolicyRequest as _mesh_v1_SetJoinPolicyRequest, SetJoinPolicyRequest__Output as _mesh_v1_SetJoinPolicyRequest__Output } from './mesh/v1/SetJoinPolicyRequest.js';
import type { SetJoinPolicyResponse as _mesh_v1_SetJoinPolicyResponse, SetJoinPolicyResponse__Output as _mesh_v1_SetJoinPolicyResponse__Output } from './mesh/v1/SetJoinPolicyResponse.js';
import type { StartMeshRequest as _mesh_v1_StartMeshRequest, StartMeshRequest__Output as _mesh_v1_StartMeshRequest__Output } from './mesh/v1/StartMeshRequest.js';
import type { StartMeshResponse as _mesh_v1_StartMeshResponse, StartMeshResponse__Output as _mesh_v1_StartMeshResponse__Output } from './mesh/v1/StartMeshResponse.js';
import type { StopMeshRequest as _mesh_v1_StopMeshRequest, StopMeshRequest__Output as _mesh_v1_StopMeshRequest__Output } from './mesh/v1/StopMeshRequest.js';
import type { StopMeshResponse as _mesh_v1_StopMeshResponse, StopMeshResponse__Output as _mesh_v1_StopMeshResponse__Output } from './mesh/v1/StopMeshResponse.js';
import type { StreamStatus as _mesh_v1_StreamStatus, StreamStatus__Output as _mesh_v1_StreamStatus__Output } from './mesh/v1/StreamStatus.js';
import type { SubscribeAck as _mesh_v1_SubscribeAck, SubscribeAck__Output as _mesh_v1_SubscribeAck__Output } from './mesh/v1/SubscribeAck.js';
import type { SubscribeClientDataRequest as _mesh_v1_SubscribeClientDataRequest, SubscribeClientDataRequest__Output as _mesh_v1_SubscribeClientDataRequest__Output } from './mesh/v1/SubscribeClientDataRequest.js';
import type { SubscribeClientDataResponse as _mesh_v1_SubscribeClientDataResponse, SubscribeClientDataResponse__Output as _mesh_v1_SubscribeClientDataResponse__Output } from './mesh/v1/SubscribeClientDataResponse.js';
import type { SubscribeStart as _mesh_v1_SubscribeStart, SubscribeStart__Output as _mesh_v1_SubscribeStart__Output } from './mesh/v1/SubscribeStart.js';
import type { SubscribeUpdatesRequest as _mesh_v1_SubscribeUpdatesRequest, SubscribeUpdatesRequest__Output as _mesh_v1_SubscribeUpdatesRequest__Output } from './mesh/v1/SubscribeUpdatesRequest.js';
import type { SubscribeUpdatesResponse as _mesh_v1_SubscribeUpdatesResponse, SubscribeUpdatesResponse__Output as _mesh_v1_SubscribeUpdatesResponse__Output } from './mesh/v1/SubscribeUpdatesResponse.js';
import type { TargetProgress as _mesh_v1_TargetProgress, TargetProgress__Output as _mesh_v1_TargetProgress__Output } from './mesh/v1/TargetProgress.js';
import type { TenantKeyEpoch as _mesh_v1_TenantKeyEpoch, TenantKeyEpoch__Output as _mesh_v1_TenantKeyEpoch__Output } from './mesh/v1/TenantKeyEpoch.js';
import type { TenantKeys as _mesh_v1_TenantKeys, TenantKeys__Output as _mesh_v1_TenantKeys__Output } from './mesh/v1/TenantKeys.js';
import type { TokenInfo as _mesh_v1_TokenInfo, TokenInfo__Output as _mesh_v1_TokenInfo__Output } from './mesh/v1/TokenInfo.js';
import type { Update as _mesh_v1_Update, Update__Output as _mesh_v1_Update__Output } from './mesh/v1/Update.js';
import type { UpdatesAck as _mesh_v1_UpdatesAck, UpdatesAck__Output as _mesh_v1_UpdatesAck__Output } from './mesh/v1/UpdatesAck.js';
import type { UpdatesStart as _mesh_v1_UpdatesStart, UpdatesStart__Output as _mesh_v1_UpdatesStart__Output } from './mesh/v1/UpdatesStart.js';
import type { WatchMeshEventsRequest as _mesh_v1_WatchMeshEventsRequest, WatchMeshEventsRequest__Output as _mesh_v1_WatchMeshEventsRequest__Output } from './mesh/v1/WatchMeshEventsRequest.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  mesh: {
    v1: {
      AckLevel: EnumTypeDefinition
      AclChangeResponse: MessageTypeDefinition<_mesh_v1_AclChangeResponse, _mesh_v1_AclChangeResponse__Output>
      AclEntry: MessageTypeDefinition<_mesh_v1_AclEntry, _mesh_v1_AclEntry__Output>
      AddLinkRequest: MessageTypeDefinition<_mesh_v1_AddLinkRequest, _mesh_v1_AddLinkRequest__Output>
      AddLinkResponse: MessageTypeDefinition<_mesh_v1_AddLinkResponse, _mesh_v1_AddLinkResponse__Output>
      CloseClientDataStreamRequest: MessageTypeDefinition<_mesh_v1_CloseClientDataStreamRequest, _mesh_v1_CloseClientDataStreamRequest__Output>
      CloseClientDataStreamResponse: MessageTypeDefinition<_mesh_v1_CloseClientDataStreamResponse, _mesh_v1_CloseClientDataStreamResponse__Output>
      ConsensusMember: MessageTypeDefinition<_mesh_v1_ConsensusMember, _mesh_v1_ConsensusMember__Output>
      ConsensusStatus: MessageTypeDefinition<_mesh_v1_ConsensusStatus, _mesh_v1_ConsensusStatus__Output>
      CreateTokenRequest: MessageTypeDefinition<_mesh_v1_CreateTokenRequest, _mesh_v1_CreateTokenRequest__Output>
      CreateTokenResponse: MessageTypeDefinition<_mesh_v1_CreateTokenResponse, _mesh_v1_CreateTokenResponse__Output>
      DbOp: EnumTypeDefinition
      Delivery: MessageTypeDefinition<_mesh_v1_Delivery, _mesh_v1_Delivery__Output>
      DropLinkRequest: MessageTypeDefinition<_mesh_v1_DropLinkRequest, _mesh_v1_DropLinkRequest__Output>
      DropLinkResponse: MessageTypeDefinition<_mesh_v1_DropLinkResponse, _mesh_v1_DropLinkResponse__Output>
      EstablishFullLinksRequest: MessageTypeDefinition<_mesh_v1_EstablishFullLinksRequest, _mesh_v1_EstablishFullLinksRequest__Output>
      EstablishFullLinksResponse: MessageTypeDefinition<_mesh_v1_EstablishFullLinksResponse, _mesh_v1_EstablishFullLinksResponse__Output>
      EvictNodeRequest: MessageTypeDefinition<_mesh_v1_EvictNodeRequest, _mesh_v1_EvictNodeRequest__Output>
      EvictNodeResponse: MessageTypeDefinition<_mesh_v1_EvictNodeResponse, _mesh_v1_EvictNodeResponse__Output>
      GetMeshStatusRequest: MessageTypeDefinition<_mesh_v1_GetMeshStatusRequest, _mesh_v1_GetMeshStatusRequest__Output>
      GetTenantKeysRequest: MessageTypeDefinition<_mesh_v1_GetTenantKeysRequest, _mesh_v1_GetTenantKeysRequest__Output>
      GetTenantKeysResponse: MessageTypeDefinition<_mesh_v1_GetTenantKeysResponse, _mesh_v1_GetTenantKeysResponse__Output>
      Health: EnumTypeDefinition
      JoinMeshRequest: MessageTypeDefinition<_mesh_v1_JoinMeshRequest, _mesh_v1_JoinMeshRequest__Output>
      JoinMeshResponse: MessageTypeDefinition<_mesh_v1_JoinMeshResponse, _mesh_v1_JoinMeshResponse__Output>
      JoinPolicy: EnumTypeDefinition
      LeaveMeshRequest: MessageTypeDefinition<_mesh_v1_LeaveMeshRequest, _mesh_v1_LeaveMeshRequest__Output>
      LeaveMeshResponse: MessageTypeDefinition<_mesh_v1_LeaveMeshResponse, _mesh_v1_LeaveMeshResponse__Output>
      LinkResult: MessageTypeDefinition<_mesh_v1_LinkResult, _mesh_v1_LinkResult__Output>
      LinkStatus: MessageTypeDefinition<_mesh_v1_LinkStatus, _mesh_v1_LinkStatus__Output>
      ListAclsRequest: MessageTypeDefinition<_mesh_v1_ListAclsRequest, _mesh_v1_ListAclsRequest__Output>
      ListAclsResponse: MessageTypeDefinition<_mesh_v1_ListAclsResponse, _mesh_v1_ListAclsResponse__Output>
      ListTokensRequest: MessageTypeDefinition<_mesh_v1_ListTokensRequest, _mesh_v1_ListTokensRequest__Output>
      ListTokensResponse: MessageTypeDefinition<_mesh_v1_ListTokensResponse, _mesh_v1_ListTokensResponse__Output>
      Member: MessageTypeDefinition<_mesh_v1_Member, _mesh_v1_Member__Output>
      MeshEvent: MessageTypeDefinition<_mesh_v1_MeshEvent, _mesh_v1_MeshEvent__Output>
      MeshEventKind: EnumTypeDefinition
      MeshService: SubtypeConstructor<typeof grpc.Client, _mesh_v1_MeshServiceClient> & { service: _mesh_v1_MeshServiceDefinition }
      MeshStatus: MessageTypeDefinition<_mesh_v1_MeshStatus, _mesh_v1_MeshStatus__Output>
      NodeStatus: MessageTypeDefinition<_mesh_v1_NodeStatus, _mesh_v1_NodeStatus__Output>
      OpenClientDataStreamRequest: MessageTypeDefinition<_mesh_v1_OpenClientDataStreamRequest, _mesh_v1_OpenClientDataStreamRequest__Output>
      OpenClientDataStreamResponse: MessageTypeDefinition<_mesh_v1_OpenClientDataStreamResponse, _mesh_v1_OpenClientDataStreamResponse__Output>
      PublishClientDataRequest: MessageTypeDefinition<_mesh_v1_PublishClientDataRequest, _mesh_v1_PublishClientDataRequest__Output>
      PublishClientDataResponse: MessageTypeDefinition<_mesh_v1_PublishClientDataResponse, _mesh_v1_PublishClientDataResponse__Output>
      Qos: EnumTypeDefinition
      RevokeTokenRequest: MessageTypeDefinition<_mesh_v1_RevokeTokenRequest, _mesh_v1_RevokeTokenRequest__Output>
      RevokeTokenResponse: MessageTypeDefinition<_mesh_v1_RevokeTokenResponse, _mesh_v1_RevokeTokenResponse__Output>
      RotateNodeKeyRequest: MessageTypeDefinition<_mesh_v1_RotateNodeKeyRequest, _mesh_v1_RotateNodeKeyRequest__Output>
      RotateNodeKeyResponse: MessageTypeDefinition<_mesh_v1_RotateNodeKeyResponse, _mesh_v1_RotateNodeKeyResponse__Output>
      RotateTenantKeyRequest: MessageTypeDefinition<_mesh_v1_RotateTenantKeyRequest, _mesh_v1_RotateTenantKeyRequest__Output>
      RotateTenantKeyResponse: MessageTypeDefinition<_mesh_v1_RotateTenantKeyResponse, _mesh_v1_RotateTenantKeyResponse__Output>
      RouteEntry: MessageTypeDefinition<_mesh_v1_RouteEntry, _mesh_v1_RouteEntry__Output>
      SeedMeshRequest: MessageTypeDefinition<_mesh_v1_SeedMeshRequest, _mesh_v1_SeedMeshRequest__Output>
      SeedMeshResponse: MessageTypeDefinition<_mesh_v1_SeedMeshResponse, _mesh_v1_SeedMeshResponse__Output>
      SendInternalDBUpdateRequest: MessageTypeDefinition<_mesh_v1_SendInternalDBUpdateRequest, _mesh_v1_SendInternalDBUpdateRequest__Output>
      SendMeshUpdateRequest: MessageTypeDefinition<_mesh_v1_SendMeshUpdateRequest, _mesh_v1_SendMeshUpdateRequest__Output>
      SendNodeUpdateRequest: MessageTypeDefinition<_mesh_v1_SendNodeUpdateRequest, _mesh_v1_SendNodeUpdateRequest__Output>
      SendUpdateResponse: MessageTypeDefinition<_mesh_v1_SendUpdateResponse, _mesh_v1_SendUpdateResponse__Output>
      SetJoinPolicyRequest: MessageTypeDefinition<_mesh_v1_SetJoinPolicyRequest, _mesh_v1_SetJoinPolicyRequest__Output>
      SetJoinPolicyResponse: MessageTypeDefinition<_mesh_v1_SetJoinPolicyResponse, _mesh_v1_SetJoinPolicyResponse__Output>
      StartMeshRequest: MessageTypeDefinition<_mesh_v1_StartMeshRequest, _mesh_v1_StartMeshRequest__Output>
      StartMeshResponse: MessageTypeDefinition<_mesh_v1_StartMeshResponse, _mesh_v1_StartMeshResponse__Output>
      StopMeshRequest: MessageTypeDefinition<_mesh_v1_StopMeshRequest, _mesh_v1_StopMeshRequest__Output>
      StopMeshResponse: MessageTypeDefinition<_mesh_v1_StopMeshResponse, _mesh_v1_StopMeshResponse__Output>
      StreamStatus: MessageTypeDefinition<_mesh_v1_StreamStatus, _mesh_v1_StreamStatus__Output>
      SubscribeAck: MessageTypeDefinition<_mesh_v1_SubscribeAck, _mesh_v1_SubscribeAck__Output>
      SubscribeClientDataRequest: MessageTypeDefinition<_mesh_v1_SubscribeClientDataRequest, _mesh_v1_SubscribeClientDataRequest__Output>
      SubscribeClientDataResponse: MessageTypeDefinition<_mesh_v1_SubscribeClientDataResponse, _mesh_v1_SubscribeClientDataResponse__Output>
      SubscribeStart: MessageTypeDefinition<_mesh_v1_SubscribeStart, _mesh_v1_SubscribeStart__Output>
      SubscribeUpdatesRequest: MessageTypeDefinition<_mesh_v1_SubscribeUpdatesRequest, _mesh_v1_SubscribeUpdatesRequest__Output>
      SubscribeUpdatesResponse: MessageTypeDefinition<_mesh_v1_SubscribeUpdatesResponse, _mesh_v1_SubscribeUpdatesResponse__Output>
      TargetProgress: MessageTypeDefinition<_mesh_v1_TargetProgress, _mesh_v1_TargetProgress__Output>
      TenantKeyEpoch: MessageTypeDefinition<_mesh_v1_TenantKeyEpoch, _mesh_v1_TenantKeyEpoch__Output>
      TenantKeys: MessageTypeDefinition<_mesh_v1_TenantKeys, _mesh_v1_TenantKeys__Output>
      TokenInfo: MessageTypeDefinition<_mesh_v1_TokenInfo, _mesh_v1_TokenInfo__Output>
      Update: MessageTypeDefinition<_mesh_v1_Update, _mesh_v1_Update__Output>
      UpdatesAck: MessageTypeDefinition<_mesh_v1_UpdatesAck, _mesh_v1_UpdatesAck__Output>
      UpdatesStart: MessageTypeDefinition<_mesh_v1_UpdatesStart, _mesh_v1_UpdatesStart__Output>
      WatchMeshEventsRequest: MessageTypeDefinition<_mesh_v1_WatchMeshEventsRequest, _mesh_v1_WatchMeshEventsRequest__Output>
    }
  }
}

