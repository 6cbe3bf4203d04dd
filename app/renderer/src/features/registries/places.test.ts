import { describe, expect, it } from 'vitest';
import { DOCKER_HUB, registryOfImageRef } from '../../../../shared/contract/areas/registries';
import { placeDetail, placeText, serverInput } from './places';

describe('registry places in words', () => {
  it('names every place', () => {
    expect(placeText({ kind: 'docker-helper', helper: 'pass' })).toBe('Docker credential helper (pass)');
    expect(placeText({ kind: 'berth-file', path: '/x' })).toBe("Berth's file (no keychain)");
    expect(placeDetail({ kind: 'berth-keychain', store: 'the macOS Keychain' })).toBe(
      "Berth's store, sealed by the macOS Keychain",
    );
    expect(placeDetail({ kind: 'docker-file', path: '/h/.docker/config.json' })).toMatch(/shared with the docker CLI/);
  });

  it('finds the registry of an image for a Sign in link', () => {
    expect(registryOfImageRef('busybox:latest')).toBe(DOCKER_HUB);
    expect(registryOfImageRef('team/app')).toBe(DOCKER_HUB);
    expect(registryOfImageRef('127.0.0.1:5000/team/app:v1')).toBe('127.0.0.1:5000');
    expect(registryOfImageRef('localhost/app')).toBe('localhost');
    expect(registryOfImageRef('docker.io/library/busybox')).toBe(DOCKER_HUB);
    expect(serverInput(DOCKER_HUB)).toBe('docker.io');
  });
});
