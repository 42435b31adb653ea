// Original file: proto/mesh/v1/control.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AddSessionRequest as _mesh_v1_AddSessionRequest, AddSessionRequest__Output as _mesh_v1_AddSessionRequest__Output } from '../../mesh/v1/AddSessionRequest.js';
import type { AddSessionResponse as _mesh_v1_AddSessionResponse, AddSessionResponse__Output as _mesh_v1_AddSessionResponse__Output } from '../../mesh/v1/AddSessionResponse.js';
import type { DeletePolicyRequest as _mesh_v1_DeletePolicyRequest, DeletePolicyRequest__Output as _mesh_v1_DeletePolicyRequest__Output } from '../../mesh/v1/DeletePolicyRequest.js';
import type { DeletePolicyResponse as _mesh_v1_DeletePolicyResponse, DeletePolicyResponse__Output as _mesh_v1_DeletePolicyResponse__Output } from '../../mesh/v1/DeletePolicyResponse.js';
import type { DropSessionRequest as _mesh_v1_DropSessionRequest, DropSessionRequest__Output as _mesh_v1_DropSessionRequest__Output } from '../../mesh/v1/DropSessionRequest.js';
import type { DropSessionResponse as _mesh_v1_DropSessionResponse, DropSessionResponse__Output as _mesh_v1_DropSessionResponse__Output } from '../../mesh/v1/DropSessionResponse.js';
import type { GetConsensusStateRequest as _mesh_v1_GetConsensusStateRequest, GetConsensusStateRequest__Output as _mesh_v1_GetConsensusStateRequest__Output } from '../../mesh/v1/GetConsensusStateRequest.js';
import type { GetConsensusStateResponse as _mesh_v1_GetConsensusStateResponse, GetConsensusStateResponse__Output as _mesh_v1_GetConsensusStateResponse__Output } from '../../mesh/v1/GetConsensusStateResponse.js';
import type { GetMessageMetricsRequest as _mesh_v1_GetMessageMetricsRequest, GetMessageMetricsRequest__Output as _mesh_v1_GetMessageMetricsRequest__Output } from '../../mesh/v1/GetMessageMetricsRequest.js';
import type { GetMessageMetricsResponse as _mesh_v1_GetMessageMetricsResponse, GetMessageMetricsResponse__Output as _mesh_v1_GetMessageMetricsResponse__Output } from '../../mesh/v1/GetMessageMetricsResponse.js';
import type { GetPolicyRequest as _mesh_v1_GetPolicyRequest, GetPolicyRequest__Output as _mesh_v1_GetPolicyRequest__Output } from '../../mesh/v1/GetPolicyRequest.js';
import type { GetRoutingTableRequest as _mesh_v1_GetRoutingTableRequest, GetRoutingTableRequest__Output as _mesh_v1_GetRoutingTableRequest__Output } from '../../mesh/v1/GetRoutingTableRequest.js';
import type { GetRoutingTableResponse as _mesh_v1_GetRoutingTableResponse, GetRoutingTableResponse__Output as _mesh_v1_GetRoutingTableResponse__Output } from '../../mesh/v1/GetRoutingTableResponse.js';
import type { GetSessionsRequest as _mesh_v1_GetSessionsRequest, GetSessionsRequest__Output as _mesh_v1_GetSessionsRequest__Output } from '../../mesh/v1/GetSessionsRequest.js';
import type { GetSessionsResponse as _mesh_v1_GetSessionsResponse, GetSessionsResponse__Output as _mesh_v1_GetSessionsResponse__Output } from '../../mesh/v1/GetSessionsResponse.js';
import type { GetTopologyRequest as _mesh_v1_GetTopologyRequest, GetTopologyRequest__Output as _mesh_v1_GetTopologyRequest__Output } from '../../mesh/v1/GetTopologyRequest.js';
import type { GetTopologyResponse as _mesh_v1_GetTopologyResponse, GetTopologyResponse__Output as _mesh_v1_GetTopologyResponse__Output } from '../../mesh/v1/GetTopologyResponse.js';
import type { ListPoliciesRequest as _mesh_v1_ListPoliciesRequest, ListPoliciesRequest__Output as _mesh_v1_ListPoliciesRequest__Output } from '../../mesh/v1/ListPoliciesRequest.js';
import type { ListPoliciesResponse as _mesh_v1_ListPoliciesResponse, ListPoliciesResponse__Output as _mesh_v1_ListPoliciesResponse__Output } from '../../mesh/v1/ListPoliciesResponse.js';
import type { Policy as _mesh_v1_Policy, Policy__Output as _mesh_v1_Policy__Output } from '../../mesh/v1/Policy.js';
import type { SetPolicyRequest as _mesh_v1_SetPolicyRequest, SetPolicyRequest__Output as _mesh_v1_SetPolicyRequest__Output } from '../../mesh/v1/SetPolicyRequest.js';
import type { SetPolicyResponse as _mesh_v1_SetPolicyResponse, SetPolicyResponse__Output as _mesh_v1_SetPolicyResponse__Output } from '../../mesh/v1/SetPolicyResponse.js';
import type { TriggerConsensusCheckRequest as _mesh_v1_TriggerConsensusCheckRequest, TriggerConsensusCheckRequest__Output as _mesh_v1_TriggerConsensusCheckRequest__Output } from '../../mesh/v1/TriggerConsensusCheckRequest.js';
import type { TriggerConsensusCheckResponse as _mesh_v1_TriggerConsensusCheckResponse, TriggerConsensusCheckResponse__Output as _mesh_v1_TriggerConsensusCheckResponse__Output } from '../../mesh/v1/TriggerConsensusCheckResponse.js';

export interface MeshControlClient extends grpc.Client {
  AddSession(argument: _mesh_v1_AddSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_AddSessionResponse__Output>): grpc.ClientUnaryCall;
  AddSession(argument: _mesh_v1_AddSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_AddSessionResponse__Output>): grpc.ClientUnaryCall;
  AddSession(argument: _mesh_v1_AddSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_AddSessionResponse__Output>): grpc.ClientUnaryCall;
  AddSession(argument: _mesh_v1_AddSessionRequest, callback: grpc.requestCallback<_mesh_v1_AddSessionResponse__Output>): grpc.ClientUnaryCall;
  addSession(argument: _mesh_v1_AddSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_AddSessionResponse__Output>): grpc.ClientUnaryCall;
  addSession(argument: _mesh_v1_AddSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_AddSessionResponse__Output>): grpc.ClientUnaryCall;
  addSession(argument: _mesh_v1_AddSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_AddSessionResponse__Output>): grpc.ClientUnaryCall;
  addSession(argument: _mesh_v1_AddSessionRequest, callback: grpc.requestCallback<_mesh_v1_AddSessionResponse__Output>): grpc.ClientUnaryCall;
  
  DeletePolicy(argument: _mesh_v1_DeletePolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_DeletePolicyResponse__Output>): grpc.ClientUnaryCall;
  DeletePolicy(argument: _mesh_v1_DeletePolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_DeletePolicyResponse__Output>): grpc.ClientUnaryCall;
  DeletePolicy(argument: _mesh_v1_DeletePolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_DeletePolicyResponse__Output>): grpc.ClientUnaryCall;
  DeletePolicy(argument: _mesh_v1_DeletePolicyRequest, callback: grpc.requestCallback<_mesh_v1_DeletePolicyResponse__Output>): grpc.ClientUnaryCall;
  deletePolicy(argument: _mesh_v1_DeletePolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_DeletePolicyResponse__Output>): grpc.ClientUnaryCall;
  deletePolicy(argument: _mesh_v1_DeletePolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_DeletePolicyResponse__Output>): grpc.ClientUnaryCall;
  deletePolicy(argument: _mesh_v1_DeletePolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_DeletePolicyResponse__Output>): grpc.ClientUnaryCall;
  deletePolicy(argument: _mesh_v1_DeletePolicyRequest, callback: grpc.requestCallback<_mesh_v1_DeletePolicyResponse__Output>): grpc.ClientUnaryCall;
  
  DropSession(argument: _mesh_v1_DropSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_DropSessionResponse__Output>): grpc.ClientUnaryCall;
  DropSession(argument: _mesh_v1_DropSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_DropSessionResponse__Output>): grpc.ClientUnaryCall;
  DropSession(argument: _mesh_v1_DropSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_DropSessionResponse__Output>): grpc.ClientUnaryCall;
  DropSession(argument: _mesh_v1_DropSessionRequest, callback: grpc.requestCallback<_mesh_v1_DropSessionResponse__Output>): grpc.ClientUnaryCall;
  dropSession(argument: _mesh_v1_DropSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_DropSessionResponse__Output>): grpc.ClientUnaryCall;
  dropSession(argument: _mesh_v1_DropSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_DropSessionResponse__Output>): grpc.ClientUnaryCall;
  dropSession(argument: _mesh_v1_DropSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_DropSessionResponse__Output>): grpc.ClientUnaryCall;
  dropSession(argument: _mesh_v1_DropSessionRequest, callback: grpc.requestCallback<_mesh_v1_DropSessionResponse__Output>): grpc.ClientUnaryCall;
  
  GetConsensusState(argument: _mesh_v1_GetConsensusStateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_GetConsensusStateResponse__Output>): grpc.ClientUnaryCall;
  GetConsensusState(argument: _mesh_v1_GetConsensusStateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_GetConsensusStateResponse__Output>): grpc.ClientUnaryCall;
  GetConsensusState(argument: _mesh_v1_GetConsensusStateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_GetConsensusStateResponse__Output>): grpc.ClientUnaryCall;
  GetConsensusState(argument: _mesh_v1_GetConsensusStateRequest, callback: grpc.requestCallback<_mesh_v1_GetConsensusStateResponse__Output>): grpc.ClientUnaryCall;
  getConsensusState(argument: _mesh_v1_GetConsensusStateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_GetConsensusStateResponse__Output>): grpc.ClientUnaryCall;
  getConsensusState(argument: _mesh_v1_GetConsensusStateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_GetConsensusStateResponse__Output>): grpc.ClientUnaryCall;
  getConsensusState(argument: _mesh_v1_GetConsensusStateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_GetConsensusStateResponse__Output>): grpc.ClientUnaryCall;
  getConsensusState(argument: _mesh_v1_GetConsensusStateRequest, callback: grpc.requestCallback<_mesh_v1_GetConsensusStateResponse__Output>): grpc.ClientUnaryCall;
  
  GetMessageMetrics(argument: _mesh_v1_GetMessageMetricsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_GetMessageMetricsResponse__Output>): grpc.ClientUnaryCall;
  GetMessageMetrics(argument: _mesh_v1_GetMessageMetricsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_GetMessageMetricsResponse__Output>): grpc.ClientUnaryCall;
  GetMessageMetrics(argument: _mesh_v1_GetMessageMetricsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_GetMessageMetricsResponse__Output>): grpc.ClientUnaryCall;
  GetMessageMetrics(argument: _mesh_v1_GetMessageMetricsRequest, callback: grpc.requestCallback<_mesh_v1_GetMessageMetricsResponse__Output>): grpc.ClientUnaryCall;
  getMessageMetrics(argument: _mesh_v1_GetMessageMetricsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_GetMessageMetricsResponse__Output>): grpc.ClientUnaryCall;
  getMessageMetrics(argument: _mesh_v1_GetMessageMetricsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_GetMessageMetricsResponse__Output>): grpc.ClientUnaryCall;
  getMessageMetrics(argument: _mesh_v1_GetMessageMetricsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_GetMessageMetricsResponse__Output>): grpc.ClientUnaryCall;
  getMessageMetrics(argument: _mesh_v1_GetMessageMetricsRequest, callback: grpc.requestCallback<_mesh_v1_GetMessageMetricsResponse__Output>): grpc.ClientUnaryCall;
  
  GetPolicy(argument: _mesh_v1_GetPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_Policy__Output>): grpc.ClientUnaryCall;
  GetPolicy(argument: _mesh_v1_GetPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_Policy__Output>): grpc.ClientUnaryCall;
  GetPolicy(argument: _mesh_v1_GetPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_Policy__Output>): grpc.ClientUnaryCall;
  GetPolicy(argument: _mesh_v1_GetPolicyRequest, callback: grpc.requestCallback<_mesh_v1_Policy__Output>): grpc.ClientUnaryCall;
  getPolicy(argument: _mesh_v1_GetPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_Policy__Output>): grpc.ClientUnaryCall;
  getPolicy(argument: _mesh_v1_GetPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_Policy__Output>): grpc.ClientUnaryCall;
  getPolicy(argument: _mesh_v1_GetPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_Policy__Output>): grpc.ClientUnaryCall;
  getPolicy(argument: _mesh_v1_GetPolicyRequest, callback: grpc.requestCallback<_mesh_v1_Policy__Output>): grpc.ClientUnaryCall;
  
  GetRoutingTable(argument: _mesh_v1_GetRoutingTableRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_GetRoutingTableResponse__Output>): grpc.ClientUnaryCall;
  GetRoutingTable(argument: _mesh_v1_GetRoutingTableRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_GetRoutingTableResponse__Output>): grpc.ClientUnaryCall;
  GetRoutingTable(argument: _mesh_v1_GetRoutingTableRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_GetRoutingTableResponse__Output>): grpc.ClientUnaryCall;
  GetRoutingTable(argument: _mesh_v1_GetRoutingTableRequest, callback: grpc.requestCallback<_mesh_v1_GetRoutingTableResponse__Output>): grpc.ClientUnaryCall;
  getRoutingTable(argument: _mesh_v1_GetRoutingTableRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_GetRoutingTableResponse__Output>): grpc.ClientUnaryCall;
  getRoutingTable(argument: _mesh_v1_GetRoutingTableRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_GetRoutingTableResponse__Output>): grpc.ClientUnaryCall;
  getRoutingTable(argument: _mesh_v1_GetRoutingTableRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_GetRoutingTableResponse__Output>): grpc.ClientUnaryCall;
  getRoutingTable(argument: _mesh_v1_GetRoutingTableRequest, callback: grpc.requestCallback<_mesh_v1_GetRoutingTableResponse__Output>): grpc.ClientUnaryCall;
  
  GetSessions(argument: _mesh_v1_GetSessionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_GetSessionsResponse__Output>): grpc.ClientUnaryCall;
  GetSessions(argument: _mesh_v1_GetSessionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_GetSessionsResponse__Output>): grpc.ClientUnaryCall;
  GetSessions(argument: _mesh_v1_GetSessionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_GetSessionsResponse__Output>): grpc.ClientUnaryCall;
  GetSessions(argument: _mesh_v1_GetSessionsRequest, callback: grpc.requestCallback<_mesh_v1_GetSessionsResponse__Output>): grpc.ClientUnaryCall;
  getSessions(argument: _mesh_v1_GetSessionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_GetSessionsResponse__Output>): grpc.ClientUnaryCall;
  getSessions(argument: _mesh_v1_GetSessionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_GetSessionsResponse__Output>): grpc.ClientUnaryCall;
  getSessions(argument: _mesh_v1_GetSessionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_GetSessionsResponse__Output>): grpc.ClientUnaryCall;
  getSessions(argument: _mesh_v1_GetSessionsRequest, callback: grpc.requestCallback<_mesh_v1_GetSessionsResponse__Output>): grpc.ClientUnaryCall;
  
  GetTopology(argument: _mesh_v1_GetTopologyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_GetTopologyResponse__Output>): grpc.ClientUnaryCall;
  GetTopology(argument: _mesh_v1_GetTopologyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_GetTopologyResponse__Output>): grpc.ClientUnaryCall;
  GetTopology(argument: _mesh_v1_GetTopologyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_GetTopologyResponse__Output>): grpc.ClientUnaryCall;
  GetTopology(argument: _mesh_v1_GetTopologyRequest, callback: grpc.requestCallback<_mesh_v1_GetTopologyResponse__Output>): grpc.ClientUnaryCall;
  getTopology(argument: _mesh_v1_GetTopologyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_GetTopologyResponse__Output>): grpc.ClientUnaryCall;
  getTopology(argument: _mesh_v1_GetTopologyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_GetTopologyResponse__Output>): grpc.ClientUnaryCall;
  getTopology(argument: _mesh_v1_GetTopologyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_GetTopologyResponse__Output>): grpc.ClientUnaryCall;
  getTopology(argument: _mesh_v1_GetTopologyRequest, callback: grpc.requestCallback<_mesh_v1_GetTopologyResponse__Output>): grpc.ClientUnaryCall;
  
  ListPolicies(argument: _mesh_v1_ListPoliciesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_ListPoliciesResponse__Output>): grpc.ClientUnaryCall;
  ListPolicies(argument: _mesh_v1_ListPoliciesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_ListPoliciesResponse__Output>): grpc.ClientUnaryCall;
  ListPolicies(argument: _mesh_v1_ListPoliciesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_ListPoliciesResponse__Output>): grpc.ClientUnaryCall;
  ListPolicies(argument: _mesh_v1_ListPoliciesRequest, callback: grpc.requestCallback<_mesh_v1_ListPoliciesResponse__Output>): grpc.ClientUnaryCall;
  listPolicies(argument: _mesh_v1_ListPoliciesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_ListPoliciesResponse__Output>): grpc.ClientUnaryCall;
  listPolicies(argument: _mesh_v1_ListPoliciesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_ListPoliciesResponse__Output>): grpc.ClientUnaryCall;
  listPolicies(argument: _mesh_v1_ListPoliciesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_ListPoliciesResponse__Output>): grpc.ClientUnaryCall;
  listPolicies(argument: _mesh_v1_ListPoliciesRequest, callback: grpc.requestCallback<_mesh_v1_ListPoliciesResponse__Output>): grpc.ClientUnaryCall;
  
  SetPolicy(argument: _mesh_v1_SetPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SetPolicyResponse__Output>): grpc.ClientUnaryCall;
  SetPolicy(argument: _mesh_v1_SetPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_SetPolicyResponse__Output>): grpc.ClientUnaryCall;
  SetPolicy(argument: _mesh_v1_SetPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SetPolicyResponse__Output>): grpc.ClientUnaryCall;
  SetPolicy(argument: _mesh_v1_SetPolicyRequest, callback: grpc.requestCallback<_mesh_v1_SetPolicyResponse__Output>): grpc.ClientUnaryCall;
  setPolicy(argument: _mesh_v1_SetPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SetPolicyResponse__Output>): grpc.ClientUnaryCall;
  setPolicy(argument: _mesh_v1_SetPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_SetPolicyResponse__Output>): grpc.ClientUnaryCall;
  setPolicy(argument: _mesh_v1_SetPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_SetPolicyResponse__Output>): grpc.ClientUnaryCall;
  setPolicy(argument: _mesh_v1_SetPolicyRequest, callback: grpc.requestCallback<_mesh_v1_SetPolicyResponse__Output>): grpc.ClientUnaryCall;
  
  TriggerConsensusCheck(argument: _mesh_v1_TriggerConsensusCheckRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_TriggerConsensusCheckResponse__Output>): grpc.ClientUnaryCall;
  TriggerConsensusCheck(argument: _mesh_v1_TriggerConsensusCheckRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_TriggerConsensusCheckResponse__Output>): grpc.ClientUnaryCall;
  TriggerConsensusCheck(argument: _mesh_v1_TriggerConsensusCheckRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_TriggerConsensusCheckResponse__Output>): grpc.ClientUnaryCall;
  TriggerConsensusCheck(argument: _mesh_v1_TriggerConsensusCheckRequest, callback: grpc.requestCallback<_mesh_v1_TriggerConsensusCheckResponse__Output>): grpc.ClientUnaryCall;
  triggerConsensusCheck(argument: _mesh_v1_TriggerConsensusCheckRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_TriggerConsensusCheckResponse__Output>): grpc.ClientUnaryCall;
  triggerConsensusCheck(argument: _mesh_v1_TriggerConsensusCheckRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mesh_v1_TriggerConsensusCheckResponse__Output>): grpc.ClientUnaryCall;
  triggerConsensusCheck(argument: _mesh_v1_TriggerConsensusCheckRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mesh_v1_TriggerConsensusCheckResponse__Output>): grpc.ClientUnaryCall;
  triggerConsensusCheck(argument: _mesh_v1_TriggerConsensusCheckRequest, callback: grpc.requestCallback<_mesh_v1_TriggerConsensusCheckResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface MeshControlHandlers extends grpc.UntypedServiceImplementation {
  AddSession: grpc.handleUnaryCall<_mesh_v1_AddSessionRequest__Output, _mesh_v1_AddSessionResponse>;
  
  DeletePolicy: grpc.handleUnaryCall<_mesh_v1_DeletePolicyRequest__Output, _mesh_v1_DeletePolicyResponse>;
  
  DropSession: grpc.handleUnaryCall<_mesh_v1_DropSessionRequest__Output, _mesh_v1_DropSessionResponse>;
  
  GetConsensusState: grpc.handleUnaryCall<_mesh_v1_GetConsensusStateRequest__Output, _mesh_v1_GetConsensusStateResponse>;
  
  GetMessageMetrics: grpc.handleUnaryCall<_mesh_v1_GetMessageMetricsRequest__Output, _mesh_v1_GetMessageMetricsResponse>;
  
  GetPolicy: grpc.handleUnaryCall<_mesh_v1_GetPolicyRequest__Output, _mesh_v1_Policy>;
  
  GetRoutingTable: grpc.handleUnaryCall<_mesh_v1_GetRoutingTableRequest__Output, _mesh_v1_GetRoutingTableResponse>;
  
  GetSessions: grpc.handleUnaryCall<_mesh_v1_GetSessionsRequest__Output, _mesh_v1_GetSessionsResponse>;
  
  GetTopology: grpc.handleUnaryCall<_mesh_v1_GetTopologyRequest__Output, _mesh_v1_GetTopologyResponse>;
  
  ListPolicies: grpc.handleUnaryCall<_mesh_v1_ListPoliciesRequest__Output, _mesh_v1_ListPoliciesResponse>;
  
  SetPolicy: grpc.handleUnaryCall<_mesh_v1_SetPolicyRequest__Output, _mesh_v1_SetPolicyResponse>;
  
  TriggerConsensusCheck: grpc.handleUnaryCall<_mesh_v1_TriggerConsensusCheckRequest__Output, _mesh_v1_TriggerConsensusCheckResponse>;
  
}

export interface MeshControlDefinition extends grpc.ServiceDefinition {
  AddSession: MethodDefinition<_mesh_v1_AddSessionRequest, _mesh_v1_AddSessionResponse, _mesh_v1_AddSessionRequest__Output, _mesh_v1_AddSessionResponse__Output>
  DeletePolicy: MethodDefinition<_mesh_v1_DeletePolicyRequest, _mesh_v1_DeletePolicyResponse, _mesh_v1_DeletePolicyRequest__Output, _mesh_v1_DeletePolicyResponse__Output>
  DropSession: MethodDefinition<_mesh_v1_DropSessionRequest, _mesh_v1_DropSessionResponse, _mesh_v1_DropSessionRequest__Output, _mesh_v1_DropSessionResponse__Output>
  GetConsensusState: MethodDefinition<_mesh_v1_GetConsensusStateRequest, _mesh_v1_GetConsensusStateResponse, _mesh_v1_GetConsensusStateRequest__Output, _mesh_v1_GetConsensusStateResponse__Output>
  GetMessageMetrics: MethodDefinition<_mesh_v1_GetMessageMetricsRequest, _mesh_v1_GetMessageMetricsResponse, _mesh_v1_GetMessageMetricsRequest__Output, _mesh_v1_GetMessageMetricsResponse__Output>
  GetPolicy: MethodDefinition<_mesh_v1_GetPolicyRequest, _mesh_v1_Policy, _mesh_v1_GetPolicyRequest__Output, _mesh_v1_Policy__Output>
  GetRoutingTable: MethodDefinition<_mesh_v1_GetRoutingTableRequest, _mesh_v1_GetRoutingTableResponse, _mesh_v1_GetRoutingTableRequest__Output, _mesh_v1_GetRoutingTableResponse__Output>
  GetSessions: MethodDefinition<_mesh_v1_GetSessionsRequest, _mesh_v1_GetSessionsResponse, _mesh_v1_GetSessionsRequest__Output, _mesh_v1_GetSessionsResponse__Output>
  GetTopology: MethodDefinition<_mesh_v1_GetTopologyRequest, _mesh_v1_GetTopologyResponse, _mesh_v1_GetTopologyRequest__Output, _mesh_v1_GetTopologyResponse__Output>
  ListPolicies: MethodDefinition<_mesh_v1_ListPoliciesRequest, _mesh_v1_ListPoliciesResponse, _mesh_v1_ListPoliciesRequest__Output, _mesh_v1_ListPoliciesResponse__Output>
  SetPolicy: MethodDefinition<_mesh_v1_SetPolicyRequest, _mesh_v1_SetPolicyResponse, _mesh_v1_SetPolicyRequest__Output, _mesh_v1_SetPolicyResponse__Output>
  TriggerConsensusCheck: MethodDefinition<_mesh_v1_TriggerConsensusCheckRequest, _mesh_v1_TriggerConsensusCheckResponse, _mesh_v1_TriggerConsensusCheckRequest__Output, _mesh_v1_TriggerConsensusCheckResponse__Output>
}
