export * from './define';
export * from './dto';
export * from './frames';
export * from './requests';
export * from './subscriptions';
export * from './bridge';
export * from './wire';
