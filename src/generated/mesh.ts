import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Delivery as _mesh_v1_Delivery, Delivery__Output as _mesh_v1_Delivery__Output } from './mesh/v1/Delivery.js';
import type { GetMeshStatusRequest as _mesh_v1_GetMeshStatusRequest, GetMeshStatusRequest__Output as _mesh_v1_GetMeshStatusRequest__Output } from './mesh/v1/GetMeshStatusRequest.js';
import type { JoinMeshRequest as _mesh_v1_JoinMeshRequest, JoinMeshRequest__Output as _mesh_v1_JoinMeshRequest__Output } from './mesh/v1/JoinMeshRequest.js';
import type { JoinMeshResponse as _mesh_v1_JoinMeshResponse, JoinMeshResponse__Output as _mesh_v1_JoinMeshResponse__Output } from './mesh/v1/JoinMeshResponse.js';
import type { LinkStatus as _mesh_v1_LinkStatus, LinkStatus__Output as _mesh_v1_LinkStatus__Output } from './mesh/v1/LinkStatus.js';
import type { Member as _mesh_v1_Member, Member__Output as _mesh_v1_Member__Output } from './mesh/v1/Member.js';
import type { MeshServiceClient as _mesh_v1_MeshServiceClient, MeshServiceDefinition as _mesh_v1_MeshServiceDefinition } from './mesh/v1/MeshService.js';
import type { MeshStatus as _mesh_v1_MeshStatus, MeshStatus__Output as _mesh_v1_MeshStatus__Output } from './mesh/v1/MeshStatus.js';
import type { NodeStatus as _mesh_v1_NodeStatus, NodeStatus__Output as _mesh_v1_NodeStatus__Output } from './mesh/v1/NodeStatus.js';
import type { OpenClientDataStreamRequest as _mesh_v1_OpenClientDataStreamRequest, OpenClientDataStreamRequest__Output as _mesh_v1_OpenClientDataStreamRequest__Output } from './mesh/v1/OpenClientDataStreamRequest.js';
import type { OpenClientDataStreamResponse as _mesh_v1_OpenClientDataStreamResponse, OpenClientDataStreamResponse__Output as _mesh_v1_OpenClientDataStreamResponse__Output } from './mesh/v1/OpenClientDataStreamResponse.js';
import type { PublishClientDataRequest as _mesh_v1_PublishClientDataRequest, PublishClientDataRequest__Output as _mesh_v1_PublishClientDataRequest__Output } from './mesh/v1/PublishClientDataRequest.js';
import type { PublishClientDataResponse as _mesh_v1_PublishClientDataResponse, PublishClientDataResponse__Output as _mesh_v1_PublishClientDataResponse__Output } from './mesh/v1/PublishClientDataResponse.js';
import type { RouteEntry as _mesh_v1_RouteEntry, RouteEntry__Output as _mesh_v1_RouteEntry__Output } from './mesh/v1/RouteEntry.js';
import type { SeedMeshRequest as _mesh_v1_SeedMeshRequest, SeedMeshRequest__Output as _mesh_v1_SeedMeshRequest__Output } from './mesh/v1/SeedMeshRequest.js';
import type { SeedMeshResponse as _mesh_v1_SeedMeshResponse, SeedMeshResponse__Output as _mesh_v1_SeedMeshResponse__Output } from './mesh/v1/SeedMeshResponse.js';
import type { StartMeshRequest as _mesh_v1_StartMeshRequest, StartMeshRequest__Output as _mesh_v1_StartMeshRequest__Output } from './mesh/v1/StartMeshRequest.js';
import type { StartMeshResponse as _mesh_v1_StartMeshResponse, StartMeshResponse__Output as _mesh_v1_StartMeshResponse__Output } from './mesh/v1/StartMeshResponse.js';
import type { StopMeshRequest as _mesh_v1_StopMeshRequest, StopMeshRequest__Output as _mesh_v1_StopMeshRequest__Output } from './mesh/v1/StopMeshRequest.js';
import type { StopMeshResponse as _mesh_v1_StopMeshResponse, StopMeshResponse__Output as _mesh_v1_StopMeshResponse__Output } from './mesh/v1/StopMeshResponse.js';
import type { StreamStatus as _mesh_v1_StreamStatus, StreamStatus__Output as _mesh_v1_StreamStatus__Output } from './mesh/v1/StreamStatus.js';
import type { SubscribeAck as _mesh_v1_SubscribeAck, SubscribeAck__Output as _mesh_v1_SubscribeAck__Output } from './mesh/v1/SubscribeAck.js';
import type { SubscribeClientDataRequest as _mesh_v1_SubscribeClientDataRequest, SubscribeClientDataRequest__Output as _mesh_v1_SubscribeClientDataRequest__Output } from './mesh/v1/SubscribeClientDataRequest.js';
import type { SubscribeClientDataResponse as _mesh_v1_SubscribeClientDataResponse, SubscribeClientDataResponse__Output as _mesh_v1_SubscribeClientDataResponse__Output } from './mesh/v1/SubscribeClientDataResponse.js';
import type { SubscribeStart as _mesh_v1_SubscribeStart, SubscribeStart__Output as _mesh_v1_SubscribeStart__Output } from './mesh/v1/SubscribeStart.js';
import type { TargetProgress as _mesh_v1_TargetProgress, TargetProgress__Output as _mesh_v1_TargetProgress__Output } from './mesh/v1/TargetProgress.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  mesh: {
    v1: {
      AckLevel: EnumTypeDefinition
      Delivery: MessageTypeDefinition<_mesh_v1_Delivery, _mesh_v1_Delivery__Output>
      GetMeshStatusRequest: MessageTypeDefinition<_mesh_v1_GetMeshStatusRequest, _mesh_v1_GetMeshStatusRequest__Output>
      JoinMeshRequest: MessageTypeDefinition<_mesh_v1_JoinMeshRequest, _mesh_v1_JoinMeshRequest__Output>
      JoinMeshResponse: MessageTypeDefinition<_mesh_v1_JoinMeshResponse, _mesh_v1_JoinMeshResponse__Output>
      JoinPolicy: EnumTypeDefinition
      LinkStatus: MessageTypeDefinition<_mesh_v1_LinkStatus, _mesh_v1_LinkStatus__Output>
      Member: MessageTypeDefinition<_mesh_v1_Member, _mesh_v1_Member__Output>
      MeshService: SubtypeConstructor<typeof grpc.Client, _mesh_v1_MeshServiceClient> & { service: _mesh_v1_MeshServiceDefinition }
      MeshStatus: MessageTypeDefinition<_mesh_v1_MeshStatus, _mesh_v1_MeshStatus__Output>
      NodeStatus: MessageTypeDefinition<_mesh_v1_NodeStatus, _mesh_v1_NodeStatus__Output>
      OpenClientDataStreamRequest: MessageTypeDefinition<_mesh_v1_OpenClientDataStreamRequest, _mesh_v1_OpenClientDataStreamRequest__Output>
      OpenClientDataStreamResponse: MessageTypeDefinition<_mesh_v1_OpenClientDataStreamResponse, _mesh_v1_OpenClientDataStreamResponse__Output>
      PublishClientDataRequest: MessageTypeDefinition<_mesh_v1_PublishClientDataRequest, _mesh_v1_PublishClientDataRequest__Output>
      PublishClientDataResponse: MessageTypeDefinition<_mesh_v1_PublishClientDataResponse, _mesh_v1_PublishClientDataResponse__Output>
      Qos: EnumTypeDefinition
      RouteEntry: MessageTypeDefinition<_mesh_v1_RouteEntry, _mesh_v1_RouteEntry__Output>
      SeedMeshRequest: MessageTypeDefinition<_mesh_v1_SeedMeshRequest, _mesh_v1_SeedMeshRequest__Output>
      SeedMeshResponse: MessageTypeDefinition<_mesh_v1_SeedMeshResponse, _mesh_v1_SeedMeshResponse__Output>
      StartMeshRequest: MessageTypeDefinition<_mesh_v1_StartMeshRequest, _mesh_v1_StartMeshRequest__Output>
      StartMeshResponse: MessageTypeDefinition<_mesh_v1_StartMeshResponse, _mesh_v1_StartMeshResponse__Output>
      StopMeshRequest: MessageTypeDefinition<_mesh_v1_StopMeshRequest, _mesh_v1_StopMeshRequest__Output>
      StopMeshResponse: MessageTypeDefinition<_mesh_v1_StopMeshResponse, _mesh_v1_StopMeshResponse__Output>
      StreamStatus: MessageTypeDefinition<_mesh_v1_StreamStatus, _mesh_v1_StreamStatus__Output>
      SubscribeAck: MessageTypeDefinition<_mesh_v1_SubscribeAck, _mesh_v1_SubscribeAck__Output>
      SubscribeClientDataRequest: MessageTypeDefinition<_mesh_v1_SubscribeClientDataRequest, _mesh_v1_SubscribeClientDataRequest__Output>
      SubscribeClientDataResponse: MessageTypeDefinition<_mesh_v1_SubscribeClientDataResponse, _mesh_v1_SubscribeClientDataResponse__Output>
      SubscribeStart: MessageTypeDefinition<_mesh_v1_SubscribeStart, _mesh_v1_SubscribeStart__Output>
      TargetProgress: MessageTypeDefinition<_mesh_v1_TargetProgress, _mesh_v1_TargetProgress__Output>
    }
  }
}

