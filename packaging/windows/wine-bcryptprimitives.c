/*
 * A stand-in for Windows 10's bcryptprimitives.dll, for the Wine check only (never shipped).
 * Rust's standard library gets its random seeds (HashMap keys) from ProcessPrng there; Wine 8.0,
 * Debian 12's, lacks the DLL, so no Rust 1.78+ program starts under it. This one fills the
 * buffer from advapi32's RtlGenRandom. packaging/windows/wine-check builds it with MinGW and
 * puts it in the throwaway Wine prefix when Wine has no bcryptprimitives.dll of its own.
 */
#include <windows.h>
/* advapi32's RtlGenRandom, exported as SystemFunction036. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
