/// glibc gives each thread that allocates its own malloc arena (up to eight per core), and memory
/// freed in one arena is not reused by another: the server's thread pools held a few hundred MB of
/// such freed memory under load. Two arenas keep peak memory near what is in use.
enum MemoryArenas {
    static func limit() {
        #if os(Linux)
        _ = glibcMallopt(mArenaMax, 2)
        #endif
    }

    /// `M_ARENA_MAX` from <malloc.h>, which Swift's Glibc module does not import.
    private static let mArenaMax: Int32 = -8
}

#if os(Linux)
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
