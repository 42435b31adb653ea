// Original file: proto/mesh/v1/mesh.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetMeshStatusRequest as _mesh_v1_GetMeshStatusRequest, GetMeshStatusRequest__Output as _mesh_v1_GetMeshStatusRequest__Output } from '../../mesh/v1/GetMeshStatusRequest.js';
import type { JoinMeshRequest as _mesh_v1_JoinMeshRequest, JoinMeshRequest__Output as _mesh_v1_JoinMeshRequest__Output } from '../../mesh/v1/JoinMeshRequest.js';
import type { JoinMeshResponse as _mesh_v1_JoinMeshResponse, JoinMeshResponse__Output as _mesh_v1_JoinMeshResponse__Output } from '../../mesh/v1/JoinMeshResponse.js';
import type { MeshStatus as _mesh_v1_MeshStatus, MeshStatus__Output as _mesh_v1_MeshStatus__Output } from '../../mesh/v1/MeshStatus.js';
import type { OpenClientDataStreamRequest as _mesh_v1_OpenClientDataStreamRequest, OpenClientDataStreamRequest__Output as _mesh_v1_OpenClientDataStreamRequest__Output } from '../../mesh/v1/OpenClientDataStreamRequest.js';
import type { OpenClientDataStreamResponse as _mesh_v1_OpenClientDataStreamResponse, OpenClientDataStreamResponse__Output as _mesh_v1_OpenClientDataStreamResponse__Output } from '../../mesh/v1/OpenClientDataStreamResponse.js';
import type { PublishClientDataRequest as _mesh_v1_PublishClientDataRequest, PublishClientDataRequest__Output as _mesh_v1_PublishClientDataRequest__Output } from '../../mesh/v1/PublishClientDataRequest.js';
import type { PublishClientDataResponse as _mesh_v1_PublishClientDataResponse, PublishClientDataResponse__Output as _mesh_v1_PublishClientDataResponse__Output } from '../../mesh/v1/PublishClientDataResponse.js';
import type { SeedMeshRequest as _mesh_v1_SeedMeshRequest, SeedMeshRequest__Output as _mesh_v1_SeedMeshRequest__Output } from '../../mesh/v1/SeedMeshRequest.js';
import type { SeedMeshResponse as _mesh_v1_SeedMeshResponse, SeedMeshResponse__Output as _mesh_v1_SeedMeshResponse__Output } from '../../mesh/v1/SeedMeshResponse.js';
import type { StartMeshRequest as _mesh_v1_StartMeshRequest, StartMeshRequest__Output as _mesh_v1_StartMeshRequest__Output } from '../../mesh/v1/StartMeshRequest.js';
import type { StartMeshResponse as _mesh_v1_StartMeshResponse, StartMeshResponse__Output as _mesh_v1_StartMeshResponse__Output } from '../../mesh/v1/StartMeshResponse.js';
import type { StopMeshRequest as _mesh_v1_StopMeshRequest, StopMeshRequest__Output as _mesh_v1_StopMeshRequest__Output } from '../../mesh/v1/StopMeshRequest.js';
import type { StopMeshResponse as _mesh_v1_StopMeshResponse, StopMeshResponse__Output as _mesh_v1_StopMeshResponse__Output } from '../../mesh/v1/StopMeshResponse.js';
import type { SubscribeClientDataRequest as _mesh_v1_SubscribeClientDataRequest, SubscribeClientDataRequest__Output as _mesh_v1_SubscribeClientDataRequest__Output } from '../../mesh/v1/SubscribeClientDataRequest.js';
import type { SubscribeClientDataResponse as _mesh_v1_SubscribeClientDataResponse, SubscribeClientDataResponse__Output as _mesh_v1_SubscribeClientDataResponse__Output } from '../../mesh/v1/SubscribeClientDataResponse.js';

export interface MeshServiceClient extends grpc.Client {
  GetMeshStatus(argument: _mesh_v1_GetMeshStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_MeshStatus__Output>): grpc.ClientUnaryCall;
  GetMeshStatus(argument: _mesh_v1_GetMeshStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_MeshStatus__Output>): grpc.ClientUnaryCall;
  GetMeshStatus(argument: _mesh_v1_GetMeshStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_MeshStatus__Output>): grpc.ClientUnaryCall;
  GetMeshStatus(argument: _mesh_v1_GetMeshStatusRequest, callback: grpc.requestCallback<_mesh_v1_MeshStatus__Output>): grpc.ClientUnaryCall;
  getMeshStatus(argument: _mesh_v1_GetMeshStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_MeshStatus__Output>): grpc.ClientUnaryCall;
  getMeshStatus(argument: _mesh_v1_GetMeshStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_MeshStatus__Output>): grpc.ClientUnaryCall;
  getMeshStatus(argument: _mesh_v1_GetMeshStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_MeshStatus__Output>): grpc.ClientUnaryCall;
  getMeshStatus(argument: _mesh_v1_GetMeshStatusRequest, callback: grpc.requestCallback<_mesh_v1_MeshStatus__Output>): grpc.ClientUnaryCall;
  
  JoinMesh(argument: _mesh_v1_JoinMeshRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_JoinMeshResponse__Output>): grpc.ClientUnaryCall;
  JoinMesh(argument: _mesh_v1_JoinMeshRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_JoinMeshResponse__Output>): grpc.ClientUnaryCall;
  JoinMesh(argument: _mesh_v1_JoinMeshRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_JoinMeshResponse__Output>): grpc.ClientUnaryCall;
  JoinMesh(argument: _mesh_v1_JoinMeshRequest, callback: grpc.requestCallback<_mesh_v1_JoinMeshResponse__Output>): grpc.ClientUnaryCall;
  joinMesh(argument: _mesh_v1_JoinMeshRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_JoinMeshResponse__Output>): grpc.ClientUnaryCall;
  joinMesh(argument: _mesh_v1_JoinMeshRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_JoinMeshResponse__Output>): grpc.ClientUnaryCall;
  joinMesh(argument: _mesh_v1_JoinMeshRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_JoinMeshResponse__Output>): grpc.ClientUnaryCall;
  joinMesh(argument: _mesh_v1_JoinMeshRequest, callback: grpc.requestCallback<_mesh_v1_JoinMeshResponse__Output>): grpc.ClientUnaryCall;
  
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
  
  SeedMesh(argument: _mesh_v1_SeedMeshRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SeedMeshResponse__Output>): grpc.ClientUnaryCall;
  SeedMesh(argument: _mesh_v1_SeedMeshRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_SeedMeshResponse__Output>): grpc.ClientUnaryCall;
  SeedMesh(argument: _mesh_v1_SeedMeshRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SeedMeshResponse__Output>): grpc.ClientUnaryCall;
  SeedMesh(argument: _mesh_v1_SeedMeshRequest, callback: grpc.requestCallback<_mesh_v1_SeedMeshResponse__Output>): grpc.ClientUnaryCall;
  seedMesh(argument: _mesh_v1_SeedMeshRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SeedMeshResponse__Output>): grpc.ClientUnaryCall;
  seedMesh(argument: _mesh_v1_SeedMeshRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_SeedMeshResponse__Output>): grpc.ClientUnaryCall;
  seedMesh(argument: _mesh_v1_SeedMeshRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SeedMeshResponse__Output>): grpc.ClientUnaryCall;
  seedMesh(argument: _mesh_v1_SeedMeshRequest, callback: grpc.requestCallback<_mesh_v1_SeedMeshResponse__Output>): grpc.ClientUnaryCall;
  
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
  
}

export interface MeshServiceHandlers extends grpc.UntypedServiceImplementation {
  GetMeshStatus: grpc.handleUnaryCall<_mesh_v1_GetMeshStatusRequest__Output, _mesh_v1_MeshStatus>;
  
  JoinMesh: grpc.handleUnaryCall<_mesh_v1_JoinMeshRequest__Output, _mesh_v1_JoinMeshResponse>;
  
  OpenClientDataStream: grpc.handleUnaryCall<_mesh_v1_OpenClientDataStreamRequest__Output, _mesh_v1_OpenClientDataStreamResponse>;
  
  PublishClientData: grpc.handleUnaryCall<_mesh_v1_PublishClientDataRequest__Output, _mesh_v1_PublishClientDataResponse>;
  
  PublishClientDataStream: grpc.handleBidiStreamingCall<_mesh_v1_PublishClientDataRequest__Output, _mesh_v1_PublishClientDataResponse>;
  
  SeedMesh: grpc.handleUnaryCall<_mesh_v1_SeedMeshRequest__Output, _mesh_v1_SeedMeshResponse>;
  
  StartMesh: grpc.handleUnaryCall<_mesh_v1_StartMeshRequest__Output, _mesh_v1_StartMeshResponse>;
  
  StopMesh: grpc.handleUnaryCall<_mesh_v1_StopMeshRequest__Output, _mesh_v1_StopMeshResponse>;
  
  SubscribeClientData: grpc.handleBidiStreamingCall<_mesh_v1_SubscribeClientDataRequest__Output, _mesh_v1_SubscribeClientDataResponse>;
  
}

export interface MeshServiceDefinition extends grpc.ServiceDefinition {
  GetMeshStatus: MethodDefinition<_mesh_v1_GetMeshStatusRequest, _mesh_v1_MeshStatus, _mesh_v1_GetMeshStatusRequest__Output, _mesh_v1_MeshStatus__Output>
  JoinMesh: MethodDefinition<_mesh_v1_JoinMeshRequest, _mesh_v1_JoinMeshResponse, _mesh_v1_JoinMeshRequest__Output, _mesh_v1_JoinMeshResponse__Output>
  OpenClientDataStream: MethodDefinition<_mesh_v1_OpenClientDataStreamRequest, _mesh_v1_OpenClientDataStreamResponse, _mesh_v1_OpenClientDataStreamRequest__Output, _mesh_v1_OpenClientDataStreamResponse__Output>
  PublishClientData: MethodDefinition<_mesh_v1_PublishClientDataRequest, _mesh_v1_PublishClientDataResponse, _mesh_v1_PublishClientDataRequest__Output, _mesh_v1_PublishClientDataResponse__Output>
  PublishClientDataStream: MethodDefinition<_mesh_v1_PublishClientDataRequest, _mesh_v1_PublishClientDataResponse, _mesh_v1_PublishClientDataRequest__Output, _mesh_v1_PublishClientDataResponse__Output>
  SeedMesh: MethodDefinition<_mesh_v1_SeedMeshRequest, _mesh_v1_SeedMeshResponse, _mesh_v1_SeedMeshRequest__Output, _mesh_v1_SeedMeshResponse__Output>
  StartMesh: MethodDefinition<_mesh_v1_StartMeshRequest, _mesh_v1_StartMeshResponse, _mesh_v1_StartMeshRequest__Output, _mesh_v1_StartMeshResponse__Output>
  StopMesh: MethodDefinition<_mesh_v1_StopMeshRequest, _mesh_v1_StopMeshResponse, _mesh_v1_StopMeshRequest__Output, _mesh_v1_StopMeshResponse__Output>
  SubscribeClientData: MethodDefinition<_mesh_v1_SubscribeClientDataRequest, _mesh_v1_SubscribeClientDataResponse, _mesh_v1_SubscribeClientDataRequest__Output, _mesh_v1_SubscribeClientDataResponse__Output>
}
