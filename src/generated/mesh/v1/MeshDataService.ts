// Original file: proto/mesh/v1/data.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { SubscribeClientDataRequest as _mesh_v1_SubscribeClientDataRequest, SubscribeClientDataRequest__Output as _mesh_v1_SubscribeClientDataRequest__Output } from '../../mesh/v1/SubscribeClientDataRequest.js';
import type { SubscribeClientDataResponse as _mesh_v1_SubscribeClientDataResponse, SubscribeClientDataResponse__Output as _mesh_v1_SubscribeClientDataResponse__Output } from '../../mesh/v1/SubscribeClientDataResponse.js';
import type { SubscribeUpdatesRequest as _mesh_v1_SubscribeUpdatesRequest, SubscribeUpdatesRequest__Output as _mesh_v1_SubscribeUpdatesRequest__Output } from '../../mesh/v1/SubscribeUpdatesRequest.js';
import type { SubscribeUpdatesResponse as _mesh_v1_SubscribeUpdatesResponse, SubscribeUpdatesResponse__Output as _mesh_v1_SubscribeUpdatesResponse__Output } from '../../mesh/v1/SubscribeUpdatesResponse.js';

export interface MeshDataServiceClient extends grpc.Client {
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
  
}

export interface MeshDataServiceHandlers extends grpc.UntypedServiceImplementation {
  SubscribeClientData: grpc.handleBidiStreamingCall<_mesh_v1_SubscribeClientDataRequest__Output, _mesh_v1_SubscribeClientDataResponse>;
  
  SubscribeInternalDBUpdates: grpc.handleBidiStreamingCall<_mesh_v1_SubscribeUpdatesRequest__Output, _mesh_v1_SubscribeUpdatesResponse>;
  
  SubscribeMeshUpdates: grpc.handleBidiStreamingCall<_mesh_v1_SubscribeUpdatesRequest__Output, _mesh_v1_SubscribeUpdatesResponse>;
  
  SubscribeNodeUpdates: grpc.handleBidiStreamingCall<_mesh_v1_SubscribeUpdatesRequest__Output, _mesh_v1_SubscribeUpdatesResponse>;
  
}

export interface MeshDataServiceDefinition extends grpc.ServiceDefinition {
  SubscribeClientData: MethodDefinition<_mesh_v1_SubscribeClientDataRequest, _mesh_v1_SubscribeClientDataResponse, _mesh_v1_SubscribeClientDataRequest__Output, _mesh_v1_SubscribeClientDataResponse__Output>
  SubscribeInternalDBUpdates: MethodDefinition<_mesh_v1_SubscribeUpdatesRequest, _mesh_v1_SubscribeUpdatesResponse, _mesh_v1_SubscribeUpdatesRequest__Output, _mesh_v1_SubscribeUpdatesResponse__Output>
  SubscribeMeshUpdates: MethodDefinition<_mesh_v1_SubscribeUpdatesRequest, _mesh_v1_SubscribeUpdatesResponse, _mesh_v1_SubscribeUpdatesRequest__Output, _mesh_v1_SubscribeUpdatesResponse__Output>
  SubscribeNodeUpdates: MethodDefinition<_mesh_v1_SubscribeUpdatesRequest, _mesh_v1_SubscribeUpdatesResponse, _mesh_v1_SubscribeUpdatesRequest__Output, _mesh_v1_SubscribeUpdatesResponse__Output>
}
