// Original file: proto/mesh/v1/supervisor.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { LogLine as _mesh_v1_LogLine, LogLine__Output as _mesh_v1_LogLine__Output } from '../../mesh/v1/LogLine.js';
import type { SupervisorConfigRequest as _mesh_v1_SupervisorConfigRequest, SupervisorConfigRequest__Output as _mesh_v1_SupervisorConfigRequest__Output } from '../../mesh/v1/SupervisorConfigRequest.js';
import type { SupervisorConfigResponse as _mesh_v1_SupervisorConfigResponse, SupervisorConfigResponse__Output as _mesh_v1_SupervisorConfigResponse__Output } from '../../mesh/v1/SupervisorConfigResponse.js';
import type { SupervisorHealthRequest as _mesh_v1_SupervisorHealthRequest, SupervisorHealthRequest__Output as _mesh_v1_SupervisorHealthRequest__Output } from '../../mesh/v1/SupervisorHealthRequest.js';
import type { SupervisorHealthResponse as _mesh_v1_SupervisorHealthResponse, SupervisorHealthResponse__Output as _mesh_v1_SupervisorHealthResponse__Output } from '../../mesh/v1/SupervisorHealthResponse.js';
import type { SupervisorLogsRequest as _mesh_v1_SupervisorLogsRequest, SupervisorLogsRequest__Output as _mesh_v1_SupervisorLogsRequest__Output } from '../../mesh/v1/SupervisorLogsRequest.js';
import type { SupervisorMetricsRequest as _mesh_v1_SupervisorMetricsRequest, SupervisorMetricsRequest__Output as _mesh_v1_SupervisorMetricsRequest__Output } from '../../mesh/v1/SupervisorMetricsRequest.js';
import type { SupervisorMetricsResponse as _mesh_v1_SupervisorMetricsResponse, SupervisorMetricsResponse__Output as _mesh_v1_SupervisorMetricsResponse__Output } from '../../mesh/v1/SupervisorMetricsResponse.js';
import type { SupervisorStartRequest as _mesh_v1_SupervisorStartRequest, SupervisorStartRequest__Output as _mesh_v1_SupervisorStartRequest__Output } from '../../mesh/v1/SupervisorStartRequest.js';
import type { SupervisorStartResponse as _mesh_v1_SupervisorStartResponse, SupervisorStartResponse__Output as _mesh_v1_SupervisorStartResponse__Output } from '../../mesh/v1/SupervisorStartResponse.js';
import type { SupervisorStopRequest as _mesh_v1_SupervisorStopRequest, SupervisorStopRequest__Output as _mesh_v1_SupervisorStopRequest__Output } from '../../mesh/v1/SupervisorStopRequest.js';
import type { SupervisorStopResponse as _mesh_v1_SupervisorStopResponse, SupervisorStopResponse__Output as _mesh_v1_SupervisorStopResponse__Output } from '../../mesh/v1/SupervisorStopResponse.js';

export interface SupervisorControlClient extends grpc.Client {
  Config(argument: _mesh_v1_SupervisorConfigRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SupervisorConfigResponse__Output>): grpc.ClientUnaryCall;
  Config(argument: _mesh_v1_SupervisorConfigRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_SupervisorConfigResponse__Output>): grpc.ClientUnaryCall;
  Config(argument: _mesh_v1_SupervisorConfigRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SupervisorConfigResponse__Output>): grpc.ClientUnaryCall;
  Config(argument: _mesh_v1_SupervisorConfigRequest, callback: grpc.requestCallback<_mesh_v1_SupervisorConfigResponse__Output>): grpc.ClientUnaryCall;
  config(argument: _mesh_v1_SupervisorConfigRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SupervisorConfigResponse__Output>): grpc.ClientUnaryCall;
  config(argument: _mesh_v1_SupervisorConfigRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_SupervisorConfigResponse__Output>): grpc.ClientUnaryCall;
  config(argument: _mesh_v1_SupervisorConfigRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SupervisorConfigResponse__Output>): grpc.ClientUnaryCall;
  config(argument: _mesh_v1_SupervisorConfigRequest, callback: grpc.requestCallback<_mesh_v1_SupervisorConfigResponse__Output>): grpc.ClientUnaryCall;
  
  Health(argument: _mesh_v1_SupervisorHealthRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SupervisorHealthResponse__Output>): grpc.ClientUnaryCall;
  Health(argument: _mesh_v1_SupervisorHealthRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_SupervisorHealthResponse__Output>): grpc.ClientUnaryCall;
  Health(argument: _mesh_v1_SupervisorHealthRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SupervisorHealthResponse__Output>): grpc.ClientUnaryCall;
  Health(argument: _mesh_v1_SupervisorHealthRequest, callback: grpc.requestCallback<_mesh_v1_SupervisorHealthResponse__Output>): grpc.ClientUnaryCall;
  health(argument: _mesh_v1_SupervisorHealthRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SupervisorHealthResponse__Output>): grpc.ClientUnaryCall;
  health(argument: _mesh_v1_SupervisorHealthRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_SupervisorHealthResponse__Output>): grpc.ClientUnaryCall;
  health(argument: _mesh_v1_SupervisorHealthRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SupervisorHealthResponse__Output>): grpc.ClientUnaryCall;
  health(argument: _mesh_v1_SupervisorHealthRequest, callback: grpc.requestCallback<_mesh_v1_SupervisorHealthResponse__Output>): grpc.ClientUnaryCall;
  
  Logs(argument: _mesh_v1_SupervisorLogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_mesh_v1_LogLine__Output>;
  Logs(argument: _mesh_v1_SupervisorLogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_mesh_v1_LogLine__Output>;
  logs(argument: _mesh_v1_SupervisorLogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_mesh_v1_LogLine__Output>;
  logs(argument: _mesh_v1_SupervisorLogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_mesh_v1_LogLine__Output>;
  
  Metrics(argument: _mesh_v1_SupervisorMetricsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SupervisorMetricsResponse__Output>): grpc.ClientUnaryCall;
  Metrics(argument: _mesh_v1_SupervisorMetricsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_SupervisorMetricsResponse__Output>): grpc.ClientUnaryCall;
  Metrics(argument: _mesh_v1_SupervisorMetricsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SupervisorMetricsResponse__Output>): grpc.ClientUnaryCall;
  Metrics(argument: _mesh_v1_SupervisorMetricsRequest, callback: grpc.requestCallback<_mesh_v1_SupervisorMetricsResponse__Output>): grpc.ClientUnaryCall;
  metrics(argument: _mesh_v1_SupervisorMetricsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SupervisorMetricsResponse__Output>): grpc.ClientUnaryCall;
  metrics(argument: _mesh_v1_SupervisorMetricsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_SupervisorMetricsResponse__Output>): grpc.ClientUnaryCall;
  metrics(argument: _mesh_v1_SupervisorMetricsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SupervisorMetricsResponse__Output>): grpc.ClientUnaryCall;
  metrics(argument: _mesh_v1_SupervisorMetricsRequest, callback: grpc.requestCallback<_mesh_v1_SupervisorMetricsResponse__Output>): grpc.ClientUnaryCall;
  
  Start(argument: _mesh_v1_SupervisorStartRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SupervisorStartResponse__Output>): grpc.ClientUnaryCall;
  Start(argument: _mesh_v1_SupervisorStartRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_SupervisorStartResponse__Output>): grpc.ClientUnaryCall;
  Start(argument: _mesh_v1_SupervisorStartRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SupervisorStartResponse__Output>): grpc.ClientUnaryCall;
  Start(argument: _mesh_v1_SupervisorStartRequest, callback: grpc.requestCallback<_mesh_v1_SupervisorStartResponse__Output>): grpc.ClientUnaryCall;
  start(argument: _mesh_v1_SupervisorStartRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SupervisorStartResponse__Output>): grpc.ClientUnaryCall;
  start(argument: _mesh_v1_SupervisorStartRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_SupervisorStartResponse__Output>): grpc.ClientUnaryCall;
  start(argument: _mesh_v1_SupervisorStartRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SupervisorStartResponse__Output>): grpc.ClientUnaryCall;
  start(argument: _mesh_v1_SupervisorStartRequest, callback: grpc.requestCallback<_mesh_v1_SupervisorStartResponse__Output>): grpc.ClientUnaryCall;
  
  Stop(argument: _mesh_v1_SupervisorStopRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SupervisorStopResponse__Output>): grpc.ClientUnaryCall;
  Stop(argument: _mesh_v1_SupervisorStopRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_SupervisorStopResponse__Output>): grpc.ClientUnaryCall;
  Stop(argument: _mesh_v1_SupervisorStopRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SupervisorStopResponse__Output>): grpc.ClientUnaryCall;
  Stop(argument: _mesh_v1_SupervisorStopRequest, callback: grpc.requestCallback<_mesh_v1_SupervisorStopResponse__Output>): grpc.ClientUnaryCall;
  stop(argument: _mesh_v1_SupervisorStopRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SupervisorStopResponse__Output>): grpc.ClientUnaryCall;
  stop(argument: _mesh_v1_SupervisorStopRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_SupervisorStopResponse__Output>): grpc.ClientUnaryCall;
  stop(argument: _mesh_v1_SupervisorStopRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SupervisorStopResponse__Output>): grpc.ClientUnaryCall;
  stop(argument: _mesh_v1_SupervisorStopRequest, callback: grpc.requestCallback<_mesh_v1_SupervisorStopResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface SupervisorControlHandlers extends grpc.UntypedServiceImplementation {
  Config: grpc.handleUnaryCall<_mesh_v1_SupervisorConfigRequest__Output, _mesh_v1_SupervisorConfigResponse>;
  
  Health: grpc.handleUnaryCall<_mesh_v1_SupervisorHealthRequest__Output, _mesh_v1_SupervisorHealthResponse>;
  
  Logs: grpc.handleServerStreamingCall<_mesh_v1_SupervisorLogsRequest__Output, _mesh_v1_LogLine>;
  
  Metrics: grpc.handleUnaryCall<_mesh_v1_SupervisorMetricsRequest__Output, _mesh_v1_SupervisorMetricsResponse>;
  
  Start: grpc.handleUnaryCall<_mesh_v1_SupervisorStartRequest__Output, _mesh_v1_SupervisorStartResponse>;
  
  Stop: grpc.handleUnaryCall<_mesh_v1_SupervisorStopRequest__Output, _mesh_v1_SupervisorStopResponse>;
  
}

export interface SupervisorControlDefinition extends grpc.ServiceDefinition {
  Config: MethodDefinition<_mesh_v1_SupervisorConfigRequest, _mesh_v1_SupervisorConfigResponse, _mesh_v1_SupervisorConfigRequest__Output, _mesh_v1_SupervisorConfigResponse__Output>
  Health: MethodDefinition<_mesh_v1_SupervisorHealthRequest, _mesh_v1_SupervisorHealthResponse, _mesh_v1_SupervisorHealthRequest__Output, _mesh_v1_SupervisorHealthResponse__Output>
  Logs: MethodDefinition<_mesh_v1_SupervisorLogsRequest, _mesh_v1_LogLine, _mesh_v1_SupervisorLogsRequest__Output, _mesh_v1_LogLine__Output>
  Metrics: MethodDefinition<_mesh_v1_SupervisorMetricsRequest, _mesh_v1_SupervisorMetricsResponse, _mesh_v1_SupervisorMetricsRequest__Output, _mesh_v1_SupervisorMetricsResponse__Output>
  Start: MethodDefinition<_mesh_v1_SupervisorStartRequest, _mesh_v1_SupervisorStartResponse, _mesh_v1_SupervisorStartRequest__Output, _mesh_v1_SupervisorStartResponse__Output>
  Stop: MethodDefinition<_mesh_v1_SupervisorStopRequest, _mesh_v1_SupervisorStopResponse, _mesh_v1_SupervisorStopRequest__Output, _mesh_v1_SupervisorStopResponse__Output>
}
