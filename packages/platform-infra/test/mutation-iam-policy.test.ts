import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Aspects, TerraformStack, Testing } from 'cdktf';
import {
  ADMIN_POLICY_ARNS,
  IAM_USER_ACTIONS,
  PermissionsBoundary,
  PermissionsBoundaryAspect,
  permissionsBoundaryArn,
} from '../src/constructs/iam/permissions-boundary';
import { policyDocument, tlsOnlyStatement } from '../src/constructs/iam/policy-document';

// Testing.app() makes a fresh os.tmpdir()/cdktf.outdir.* per call and never removes it (thousands of them under
// Stryker), and `new App()` makes ./cdktf.out. Nothing is written there (Testing.synth renders in memory), so every
// app of this file shares one directory, removed at the end.
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-iam-policy-'));
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

/**
 * IAM policy JSON built in TypeScript, and the permissions boundary every platform role gets. Unit-level (one tiny
 * stack at most). Written for mutation testing: the documents are compared whole, as AWS reads them.
 */

describe('policyDocument', () => {
  test('a minimal statement: Allow by default, Action, nothing else', () => {
    expect(JSON.parse(policyDocument([{ sid: 'A', actions: ['s3:GetObject'] }]).json)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'A', Effect: 'Allow', Action: ['s3:GetObject'] }],
    });
  });

  test('every field, in AWS names, statements in the order given', () => {
    const json = policyDocument([
      {
        sid: 'Full',
        effect: 'Deny',
        actions: ['a:*'],
        resources: ['r1', 'r2'],
        principals: [
          { type: 'AWS', identifiers: ['arn:aws:iam::1:root'] },
          { type: 'Service', identifiers: ['eks.amazonaws.com', 'ec2.amazonaws.com'] },
        ],
        conditions: [
          { test: 'StringEquals', variable: 'aws:a', values: ['1'] },
          { test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] },
          { test: 'StringEquals', variable: 'aws:b', values: ['2', '3'] },
          { test: 'StringEquals', variable: 'aws:a', values: ['4'] },
        ],
      },
      { sid: 'Not', effect: 'Allow', actions: [], notActions: ['iam:*'], notResources: ['n1'] },
    ]).json;
    expect(JSON.parse(json)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Full',
          Effect: 'Deny',
          Principal: { AWS: ['arn:aws:iam::1:root'], Service: ['eks.amazonaws.com', 'ec2.amazonaws.com'] },
          Action: ['a:*'],
          Resource: ['r1', 'r2'],
          Condition: { StringEquals: { 'aws:a': ['4'], 'aws:b': ['2', '3'] }, Bool: { 'aws:SecureTransport': ['false'] } },
        },
        { Sid: 'Not', Effect: 'Allow', NotAction: ['iam:*'], NotResource: ['n1'] },
      ],
    });
    // Keys in the order IAM documents are usually written (and reviewed).
    expect(Object.keys(JSON.parse(json).Statement[0])).toEqual(['Sid', 'Effect', 'Principal', 'Action', 'Resource', 'Condition']);
  });

  test('a `*` principal anywhere makes the whole principal `*`', () => {
    const doc = JSON.parse(policyDocument([{ sid: 'P', actions: ['x:y'], principals: [{ type: 'AWS', identifiers: ['a'] }, { type: '*', identifiers: ['*'] }] }]).json);
    expect(doc.Statement[0].Principal).toBe('*');
  });

  test('empty lists are written as given, not dropped', () => {
    const doc = JSON.parse(policyDocument([{ sid: 'E', actions: [], resources: [], principals: [], conditions: [] }]).json);
    expect(doc.Statement[0]).toEqual({ Sid: 'E', Effect: 'Allow', Principal: {}, Action: [], Resource: [], Condition: {} });
  });

  test('the input lists are copied, not shared', () => {
    const actions = ['a:b'];
    const json = policyDocument([{ sid: 'C', actions }]).json;
    actions.push('c:d');
    expect(JSON.parse(json).Statement[0].Action).toEqual(['a:b']);
  });

  test('tlsOnlyStatement denies every S3 request without TLS, for anyone', () => {
    expect(tlsOnlyStatement(['arn:aws:s3:::b', 'arn:aws:s3:::b/*'])).toEqual({
      sid: 'DenyInsecureTransport',
      effect: 'Deny',
      actions: ['s3:*'],
      resources: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
      principals: [{ type: '*', identifiers: ['*'] }],
      conditions: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    });
    expect(JSON.parse(policyDocument([tlsOnlyStatement(['r'])]).json).Statement[0]).toEqual({
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: ['s3:*'],
      Resource: ['r'],
      Condition: { Bool: { 'aws:SecureTransport': ['false'] } },
    });
  });
});

describe('PermissionsBoundary', () => {
  const ARN = 'arn:aws:iam::123456789012:policy/northwind-boundary';
  const CI = ['arn:aws:iam::123456789012:role/northwind-ci-deploy', 'arn:aws:iam::123456789012:role/northwind-ci-plan'];

  function synth(build: (stack: TerraformStack) => void): Record<string, any> {
    const stack = new TerraformStack(Testing.app({ outdir }), 's');
    build(stack);
    return JSON.parse(Testing.synth(stack)).resource;
  }

  test('the boundary ARN names the policy in the account', () => {
    expect(permissionsBoundaryArn('123456789012', 'northwind-boundary')).toBe(ARN);
  });

  test('the boundary allows everything but IAM users and keys, and denies every way to escalate', () => {
    let boundary: PermissionsBoundary | undefined;
    const resources = synth((stack) => {
      boundary = new PermissionsBoundary(stack, 'Boundary', { account: '123456789012', policyName: 'northwind-boundary', protectedRoleArns: CI });
    });
    expect(boundary!.arn).toBe(ARN);
    const policies = Object.values(resources.aws_iam_policy) as any[];
    expect(policies).toHaveLength(1);
    expect(policies[0].name).toBe('northwind-boundary');
    expect(policies[0].description).toBe(
      'Ceiling of every role the platform creates: no IAM users or keys, no unbounded roles, no changes to the CI roles',
    );
    const users = [
      'iam:CreateUser', 'iam:CreateAccessKey', 'iam:UpdateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile',
      'iam:AttachUserPolicy', 'iam:PutUserPolicy', 'iam:AddUserToGroup', 'iam:CreateGroup', 'iam:AttachGroupPolicy', 'iam:PutGroupPolicy',
    ];
    expect(IAM_USER_ACTIONS).toEqual(users);
    expect(ADMIN_POLICY_ARNS).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::aws:policy/IAMFullAccess']);
    expect(JSON.parse(policies[0].policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Ceiling', Effect: 'Allow', NotAction: users, Resource: ['*'] },
        { Sid: 'NoIamUsersOrKeys', Effect: 'Deny', Action: users, Resource: ['*'] },
        {
          Sid: 'NoRolesWithoutThisBoundary',
          Effect: 'Deny',
          Action: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary'],
          Resource: ['*'],
          Condition: { StringNotEquals: { 'iam:PermissionsBoundary': [ARN] } },
        },
        { Sid: 'NoBoundaryRemoval', Effect: 'Deny', Action: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'], Resource: ['*'] },
        {
          Sid: 'NoBoundaryChanges',
          Effect: 'Deny',
          Action: ['iam:CreatePolicyVersion', 'iam:DeletePolicy', 'iam:DeletePolicyVersion', 'iam:SetDefaultPolicyVersion'],
          Resource: [ARN],
        },
        { Sid: 'NoNewManagedPolicies', Effect: 'Deny', Action: ['iam:CreatePolicy', 'iam:CreatePolicyVersion'], Resource: ['*'] },
        {
          Sid: 'NoAdminPolicies',
          Effect: 'Deny',
          Action: ['iam:AttachRolePolicy'],
          Resource: ['*'],
          Condition: { ArnEquals: { 'iam:PolicyARN': ['arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::aws:policy/IAMFullAccess'] } },
        },
        { Sid: 'NoCiRoleChanges', Effect: 'Deny', Action: ['iam:*', 'sts:AssumeRole'], Resource: CI },
      ],
    });
  });

  test('the aspect gives the boundary to roles that name none and leaves the others alone', () => {
    const resources = synth((stack) => {
      new IamRole(stack, 'Plain', { name: 'plain', assumeRolePolicy: '{}' });
      new IamRole(stack, 'Own', { name: 'own', assumeRolePolicy: '{}', permissionsBoundary: 'arn:aws:iam::1:policy/other' });
      Aspects.of(stack).add(new PermissionsBoundaryAspect(ARN));
    });
    const roles = Object.values(resources.aws_iam_role) as any[];
    expect(Object.fromEntries(roles.map((r) => [r.name, r.permissions_boundary]))).toEqual({ plain: ARN, own: 'arn:aws:iam::1:policy/other' });
  });
});
