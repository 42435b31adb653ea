import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { KeyValue as _mesh_v1_KeyValue, KeyValue__Output as _mesh_v1_KeyValue__Output } from './mesh/v1/KeyValue.js';
import type { LogLine as _mesh_v1_LogLine, LogLine__Output as _mesh_v1_LogLine__Output } from './mesh/v1/LogLine.js';
import type { SupervisorConfigRequest as _mesh_v1_SupervisorConfigRequest, SupervisorConfigRequest__Output as _mesh_v1_SupervisorConfigRequest__Output } from './mesh/v1/SupervisorConfigRequest.js';
import type { SupervisorConfigResponse as _mesh_v1_SupervisorConfigResponse, SupervisorConfigResponse__Output as _mesh_v1_SupervisorConfigResponse__Output } from './mesh/v1/SupervisorConfigResponse.js';
import type { SupervisorControlClient as _mesh_v1_SupervisorControlClient, SupervisorControlDefinition as _mesh_v1_SupervisorControlDefinition } from './mesh/v1/SupervisorControl.js';
import type { SupervisorHealthRequest as _mesh_v1_SupervisorHealthRequest, SupervisorHealthRequest__Output as _mesh_v1_SupervisorHealthRequest__Output } from './mesh/v1/SupervisorHealthRequest.js';
import type { SupervisorHealthResponse as _mesh_v1_SupervisorHealthResponse, SupervisorHealthResponse__Output as _mesh_v1_SupervisorHealthResponse__Output } from './mesh/v1/SupervisorHealthResponse.js';
import type { SupervisorLogsRequest as _mesh_v1_SupervisorLogsRequest, SupervisorLogsRequest__Output as _mesh_v1_SupervisorLogsRequest__Output } from './mesh/v1/SupervisorLogsRequest.js';
import type { SupervisorMetricsRequest as _mesh_v1_SupervisorMetricsRequest, SupervisorMetricsRequest__Output as _mesh_v1_SupervisorMetricsRequest__Output } from './mesh/v1/SupervisorMetricsRequest.js';
import type { SupervisorMetricsResponse as _mesh_v1_SupervisorMetricsResponse, SupervisorMetricsResponse__Output as _mesh_v1_SupervisorMetricsResponse__Output } from './mesh/v1/SupervisorMetricsResponse.js';
import type { SupervisorStartRequest as _mesh_v1_SupervisorStartRequest, SupervisorStartRequest__Output as _mesh_v1_SupervisorStartRequest__Output } from './mesh/v1/SupervisorStartRequest.js';
import type { SupervisorStartResponse as _mesh_v1_SupervisorStartResponse, SupervisorStartResponse__Output as _mesh_v1_SupervisorStartResponse__Output } from './mesh/v1/SupervisorStartResponse.js';
import type { SupervisorStopRequest as _mesh_v1_SupervisorStopRequest, SupervisorStopRequest__Output as _mesh_v1_SupervisorStopRequest__Output } from './mesh/v1/SupervisorStopRequest.js';
import type { SupervisorStopResponse as _mesh_v1_SupervisorStopResponse, SupervisorStopResponse__Output as _mesh_v1_SupervisorStopResponse__Output } from './mesh/v1/SupervisorStopResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  mesh: {
    v1: {
      KeyValue: MessageTypeDefinition<_mesh_v1_KeyValue, _mesh_v1_KeyValue__Output>
      LogLine: MessageTypeDefinition<_mesh_v1_LogLine, _mesh_v1_LogLine__Output>
      SupervisorConfigRequest: MessageTypeDefinition<_mesh_v1_SupervisorConfigRequest, _mesh_v1_SupervisorConfigRequest__Output>
      SupervisorConfigResponse: MessageTypeDefinition<_mesh_v1_SupervisorConfigResponse, _mesh_v1_SupervisorConfigResponse__Output>
      SupervisorControl: SubtypeConstructor<typeof grpc.Client, _mesh_v1_SupervisorControlClient> & { service: _mesh_v1_SupervisorControlDefinition }
      SupervisorHealthRequest: MessageTypeDefinition<_mesh_v1_SupervisorHealthRequest, _mesh_v1_SupervisorHealthRequest__Output>
      SupervisorHealthResponse: MessageTypeDefinition<_mesh_v1_SupervisorHealthResponse, _mesh_v1_SupervisorHealthResponse__Output>
      SupervisorLogsRequest: MessageTypeDefinition<_mesh_v1_SupervisorLogsRequest, _mesh_v1_SupervisorLogsRequest__Output>
      SupervisorMetricsRequest: MessageTypeDefinition<_mesh_v1_SupervisorMetricsRequest, _mesh_v1_SupervisorMetricsRequest__Output>
      SupervisorMetricsResponse: MessageTypeDefinition<_mesh_v1_SupervisorMetricsResponse, _mesh_v1_SupervisorMetricsResponse__Output>
      SupervisorStartRequest: MessageTypeDefinition<_mesh_v1_SupervisorStartRequest, _mesh_v1_SupervisorStartRequest__Output>
      SupervisorStartResponse: MessageTypeDefinition<_mesh_v1_SupervisorStartResponse, _mesh_v1_SupervisorStartResponse__Output>
      SupervisorStopRequest: MessageTypeDefinition<_mesh_v1_SupervisorStopRequest, _mesh_v1_SupervisorStopRequest__Output>
      SupervisorStopResponse: MessageTypeDefinition<_mesh_v1_SupervisorStopResponse, _mesh_v1_SupervisorStopResponse__Output>
    }
  }
}

