import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AddSessionRequest as _mesh_v1_AddSessionRequest, AddSessionRequest__Output as _mesh_v1_AddSessionRequest__Output } from './mesh/v1/AddSessionRequest.js';
import type { AddSessionResponse as _mesh_v1_AddSessionResponse, AddSessionResponse__Output as _mesh_v1_AddSessionResponse__Output } from './mesh/v1/AddSessionResponse.js';
import type { ClassPaths as _mesh_v1_ClassPaths, ClassPaths__Output as _mesh_v1_ClassPaths__Output } from './mesh/v1/ClassPaths.js';
import type { DeletePolicyRequest as _mesh_v1_DeletePolicyRequest, DeletePolicyRequest__Output as _mesh_v1_DeletePolicyRequest__Output } from './mesh/v1/DeletePolicyRequest.js';
import type { DeletePolicyResponse as _mesh_v1_DeletePolicyResponse, DeletePolicyResponse__Output as _mesh_v1_DeletePolicyResponse__Output } from './mesh/v1/DeletePolicyResponse.js';
import type { DropSessionRequest as _mesh_v1_DropSessionRequest, DropSessionRequest__Output as _mesh_v1_DropSessionRequest__Output } from './mesh/v1/DropSessionRequest.js';
import type { DropSessionResponse as _mesh_v1_DropSessionResponse, DropSessionResponse__Output as _mesh_v1_DropSessionResponse__Output } from './mesh/v1/DropSessionResponse.js';
import type { GetConsensusStateRequest as _mesh_v1_GetConsensusStateRequest, GetConsensusStateRequest__Output as _mesh_v1_GetConsensusStateRequest__Output } from './mesh/v1/GetConsensusStateRequest.js';
import type { GetConsensusStateResponse as _mesh_v1_GetConsensusStateResponse, GetConsensusStateResponse__Output as _mesh_v1_GetConsensusStateResponse__Output } from './mesh/v1/GetConsensusStateResponse.js';
import type { GetMessageMetricsRequest as _mesh_v1_GetMessageMetricsRequest, GetMessageMetricsRequest__Output as _mesh_v1_GetMessageMetricsRequest__Output } from './mesh/v1/GetMessageMetricsRequest.js';
import type { GetMessageMetricsResponse as _mesh_v1_GetMessageMetricsResponse, GetMessageMetricsResponse__Output as _mesh_v1_GetMessageMetricsResponse__Output } from './mesh/v1/GetMessageMetricsResponse.js';
import type { GetPolicyRequest as _mesh_v1_GetPolicyRequest, GetPolicyRequest__Output as _mesh_v1_GetPolicyRequest__Output } from './mesh/v1/GetPolicyRequest.js';
import type { GetRoutingTableRequest as _mesh_v1_GetRoutingTableRequest, GetRoutingTableRequest__Output as _mesh_v1_GetRoutingTableRequest__Output } from './mesh/v1/GetRoutingTableRequest.js';
import type { GetRoutingTableResponse as _mesh_v1_GetRoutingTableResponse, GetRoutingTableResponse__Output as _mesh_v1_GetRoutingTableResponse__Output } from './mesh/v1/GetRoutingTableResponse.js';
import type { GetSessionsRequest as _mesh_v1_GetSessionsRequest, GetSessionsRequest__Output as _mesh_v1_GetSessionsRequest__Output } from './mesh/v1/GetSessionsRequest.js';
import type { GetSessionsResponse as _mesh_v1_GetSessionsResponse, GetSessionsResponse__Output as _mesh_v1_GetSessionsResponse__Output } from './mesh/v1/GetSessionsResponse.js';
import type { GetTopologyRequest as _mesh_v1_GetTopologyRequest, GetTopologyRequest__Output as _mesh_v1_GetTopologyRequest__Output } from './mesh/v1/GetTopologyRequest.js';
import type { GetTopologyResponse as _mesh_v1_GetTopologyResponse, GetTopologyResponse__Output as _mesh_v1_GetTopologyResponse__Output } from './mesh/v1/GetTopologyResponse.js';
import type { Lane as _mesh_v1_Lane, Lane__Output as _mesh_v1_Lane__Output } from './mesh/v1/Lane.js';
import type { ListPoliciesRequest as _mesh_v1_ListPoliciesRequest, ListPoliciesRequest__Output as _mesh_v1_ListPoliciesRequest__Output } from './mesh/v1/ListPoliciesRequest.js';
import type { ListPoliciesResponse as _mesh_v1_ListPoliciesResponse, ListPoliciesResponse__Output as _mesh_v1_ListPoliciesResponse__Output } from './mesh/v1/ListPoliciesResponse.js';
import type { MemberDigest as _mesh_v1_MemberDigest, MemberDigest__Output as _mesh_v1_MemberDigest__Output } from './mesh/v1/MemberDigest.js';
import type { MemberProgress as _mesh_v1_MemberProgress, MemberProgress__Output as _mesh_v1_MemberProgress__Output } from './mesh/v1/MemberProgress.js';
import type { MeshControlClient as _mesh_v1_MeshControlClient, MeshControlDefinition as _mesh_v1_MeshControlDefinition } from './mesh/v1/MeshControl.js';
import type { MetricSample as _mesh_v1_MetricSample, MetricSample__Output as _mesh_v1_MetricSample__Output } from './mesh/v1/MetricSample.js';
import type { PathView as _mesh_v1_PathView, PathView__Output as _mesh_v1_PathView__Output } from './mesh/v1/PathView.js';
import type { Policy as _mesh_v1_Policy, Policy__Output as _mesh_v1_Policy__Output } from './mesh/v1/Policy.js';
import type { RoutingEntry as _mesh_v1_RoutingEntry, RoutingEntry__Output as _mesh_v1_RoutingEntry__Output } from './mesh/v1/RoutingEntry.js';
import type { SchedulerPath as _mesh_v1_SchedulerPath, SchedulerPath__Output as _mesh_v1_SchedulerPath__Output } from './mesh/v1/SchedulerPath.js';
import type { Session as _mesh_v1_Session, Session__Output as _mesh_v1_Session__Output } from './mesh/v1/Session.js';
import type { SetPolicyRequest as _mesh_v1_SetPolicyRequest, SetPolicyRequest__Output as _mesh_v1_SetPolicyRequest__Output } from './mesh/v1/SetPolicyRequest.js';
import type { SetPolicyResponse as _mesh_v1_SetPolicyResponse, SetPolicyResponse__Output as _mesh_v1_SetPolicyResponse__Output } from './mesh/v1/SetPolicyResponse.js';
import type { StreamLag as _mesh_v1_StreamLag, StreamLag__Output as _mesh_v1_StreamLag__Output } from './mesh/v1/StreamLag.js';
import type { TopologyEdge as _mesh_v1_TopologyEdge, TopologyEdge__Output as _mesh_v1_TopologyEdge__Output } from './mesh/v1/TopologyEdge.js';
import type { TopologyNode as _mesh_v1_TopologyNode, TopologyNode__Output as _mesh_v1_TopologyNode__Output } from './mesh/v1/TopologyNode.js';
import type { TriggerConsensusCheckRequest as _mesh_v1_TriggerConsensusCheckRequest, TriggerConsensusCheckRequest__Output as _mesh_v1_TriggerConsensusCheckRequest__Output } from './mesh/v1/TriggerConsensusCheckRequest.js';
import type { TriggerConsensusCheckResponse as _mesh_v1_TriggerConsensusCheckResponse, TriggerConsensusCheckResponse__Output as _mesh_v1_TriggerConsensusCheckResponse__Output } from './mesh/v1/TriggerConsensusCheckResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  mesh: {
    v1: {
      AddSessionRequest: MessageTypeDefinition<_mesh_v1_AddSessionRequest, _mesh_v1_AddSessionRequest__Output>
      AddSessionResponse: MessageTypeDefinition<_mesh_v1_AddSessionResponse, _mesh_v1_AddSessionResponse__Output>
      ClassPaths: MessageTypeDefinition<_mesh_v1_ClassPaths, _mesh_v1_ClassPaths__Output>
      DeletePolicyRequest: MessageTypeDefinition<_mesh_v1_DeletePolicyRequest, _mesh_v1_DeletePolicyRequest__Output>
      DeletePolicyResponse: MessageTypeDefinition<_mesh_v1_DeletePolicyResponse, _mesh_v1_DeletePolicyResponse__Output>
      DropSessionRequest: MessageTypeDefinition<_mesh_v1_DropSessionRequest, _mesh_v1_DropSessionRequest__Output>
      DropSessionResponse: MessageTypeDefinition<_mesh_v1_DropSessionResponse, _mesh_v1_DropSessionResponse__Output>
      GetConsensusStateRequest: MessageTypeDefinition<_mesh_v1_GetConsensusStateRequest, _mesh_v1_GetConsensusStateRequest__Output>
      GetConsensusStateResponse: MessageTypeDefinition<_mesh_v1_GetConsensusStateResponse, _mesh_v1_GetConsensusStateResponse__Output>
      GetMessageMetricsRequest: MessageTypeDefinition<_mesh_v1_GetMessageMetricsRequest, _mesh_v1_GetMessageMetricsRequest__Output>
      GetMessageMetricsResponse: MessageTypeDefinition<_mesh_v1_GetMessageMetricsResponse, _mesh_v1_GetMessageMetricsResponse__Output>
      GetPolicyRequest: MessageTypeDefinition<_mesh_v1_GetPolicyRequest, _mesh_v1_GetPolicyRequest__Output>
      GetRoutingTableRequest: MessageTypeDefinition<_mesh_v1_GetRoutingTableRequest, _mesh_v1_GetRoutingTableRequest__Output>
      GetRoutingTableResponse: MessageTypeDefinition<_mesh_v1_GetRoutingTableResponse, _mesh_v1_GetRoutingTableResponse__Output>
      GetSessionsRequest: MessageTypeDefinition<_mesh_v1_GetSessionsRequest, _mesh_v1_GetSessionsRequest__Output>
      GetSessionsResponse: MessageTypeDefinition<_mesh_v1_GetSessionsResponse, _mesh_v1_GetSessionsResponse__Output>
      GetTopologyRequest: MessageTypeDefinition<_mesh_v1_GetTopologyRequest, _mesh_v1_GetTopologyRequest__Output>
      GetTopologyResponse: MessageTypeDefinition<_mesh_v1_GetTopologyResponse, _mesh_v1_GetTopologyResponse__Output>
      Lane: MessageTypeDefinition<_mesh_v1_Lane, _mesh_v1_Lane__Output>
      ListPoliciesRequest: MessageTypeDefinition<_mesh_v1_ListPoliciesRequest, _mesh_v1_ListPoliciesRequest__Output>
      ListPoliciesResponse: MessageTypeDefinition<_mesh_v1_ListPoliciesResponse, _mesh_v1_ListPoliciesResponse__Output>
      MemberDigest: MessageTypeDefinition<_mesh_v1_MemberDigest, _mesh_v1_MemberDigest__Output>
      MemberProgress: MessageTypeDefinition<_mesh_v1_MemberProgress, _mesh_v1_MemberProgress__Output>
      MeshControl: SubtypeConstructor<typeof grpc.Client, _mesh_v1_MeshControlClient> & { service: _mesh_v1_MeshControlDefinition }
      MetricSample: MessageTypeDefinition<_mesh_v1_MetricSample, _mesh_v1_MetricSample__Output>
      PathView: MessageTypeDefinition<_mesh_v1_PathView, _mesh_v1_PathView__Output>
      Policy: MessageTypeDefinition<_mesh_v1_Policy, _mesh_v1_Policy__Output>
      RoutingEntry: MessageTypeDefinition<_mesh_v1_RoutingEntry, _mesh_v1_RoutingEntry__Output>
      SchedulerPath: MessageTypeDefinition<_mesh_v1_SchedulerPath, _mesh_v1_SchedulerPath__Output>
      Session: MessageTypeDefinition<_mesh_v1_Session, _mesh_v1_Session__Output>
      SetPolicyRequest: MessageTypeDefinition<_mesh_v1_SetPolicyRequest, _mesh_v1_SetPolicyRequest__Output>
      SetPolicyResponse: MessageTypeDefinition<_mesh_v1_SetPolicyResponse, _mesh_v1_SetPolicyResponse__Output>
      StreamLag: MessageTypeDefinition<_mesh_v1_StreamLag, _mesh_v1_StreamLag__Output>
      TopologyEdge: MessageTypeDefinition<_mesh_v1_TopologyEdge, _mesh_v1_TopologyEdge__Output>
      TopologyNode: MessageTypeDefinition<_mesh_v1_TopologyNode, _mesh_v1_TopologyNode__Output>
      TriggerConsensusCheckRequest: MessageTypeDefinition<_mesh_v1_TriggerConsensusCheckRequest, _mesh_v1_TriggerConsensusCheckRequest__Output>
      TriggerConsensusCheckResponse: MessageTypeDefinition<_mesh_v1_TriggerConsensusCheckResponse, _mesh_v1_TriggerConsensusCheckResponse__Output>
    }
  }
}

