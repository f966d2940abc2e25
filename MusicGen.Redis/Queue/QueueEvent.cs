namespace MusicGen.Redis.Queue;

/// <summary>
/// A queue event from pub/sub: <c>added</c>, <c>active</c>, <c>progress</c>, <c>completed</c>,
/// <c>failed</c>, <c>retrying</c>, <c>stalled</c>, <c>paused</c>, <c>resumed</c>. Detail is the
/// progress value or error message. Pub/sub is fire-and-forget: read state, not events, for truth.
/// </summary>
public sealed record QueueEvent(string Kind, string JobId, string Detail);
