namespace MusicGen.Redis;

/// <summary>A command waiting for its reply. Continuations never run on the socket's reader loop.</summary>
internal sealed class PendingCall() : TaskCompletionSource<RedisReply>(TaskCreationOptions.RunContinuationsAsynchronously);
