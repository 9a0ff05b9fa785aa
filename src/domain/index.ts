export * from './chat-access';
export * from './presence';
export * from './chat-stats';
export * from './message-order';
export * from './user-agent';
export * from './chat-state-machine';
