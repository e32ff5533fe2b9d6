package io.continuity.lab.sqlserver;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * A TDS token stream being written, little-endian as TDS wants: ENVCHANGE, DONE, ERROR, COLMETADATA
 * and ROW tokens ([MS-TDS] 2.2.7.x) and the column types of the DMV answers (data types [MS-TDS]
 * 2.2.5.4/2.2.5.5). Split from {@link TdsResponder}, which does the packet framing.
 */
final class TdsTokens {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  byte[] bytes() {
    return out.toByteArray();
  }

  void u8(int v) {
    out.write(v);
  }

  void u16(int v) {
    out.write(v);
    out.write(v >> 8);
  }

  void u32(long v) {
    for (int i = 0; i < 4; i++) out.write((int) (v >> (8 * i)));
  }

  void u64(long v) {
    for (int i = 0; i < 8; i++) out.write((int) (v >> (8 * i)));
  }

  void bVarchar(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_16LE);
    u8(b.length / 2);
    out.writeBytes(b);
  }

  void usVarchar(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_16LE);
    u16(b.length / 2);
    out.writeBytes(b);
  }

  void token(int type, byte[] body) {
    u8(type);
    u16(body.length);
    out.writeBytes(body);
  }

  void envChange(int type, String newValue, String oldValue) {
    TdsTokens body = new TdsTokens();
    body.u8(type);
    body.bVarchar(newValue);
    body.bVarchar(oldValue);
    token(0xE3, body.bytes());
  }

  TdsTokens done(int status, long rows) {
    u8(0xFD);
    u16(status);
    u16(0xC1); // SELECT
    u64(rows);
    return this;
  }

  void error(int number, int state, int severity, String message) {
    TdsTokens body = new TdsTokens();
    body.u32(number);
    body.u8(state);
    body.u8(severity);
    body.usVarchar(message);
    body.bVarchar("SQLSIM");
    body.bVarchar("");
    body.u32(1);
    token(0xAA, body.bytes());
  }

  void colMetadata(List<String> columns) {
    u8(0x81);
    u16(columns.size());
    for (String c : columns) {
      u32(0); // UserType
      u16(0x0001); // Flags: nullable
      switch (typeOf(c)) {
        case LSN -> {
          u8(0x6C); // NUMERICN
          u8(13); // max length for precision 20-28
          u8(25);
          u8(0);
        }
        case BIGINT -> {
          u8(0x26); // INTN
          u8(8);
        }
        case INT -> {
          u8(0x26);
          u8(4);
        }
        case BIT -> {
          u8(0x68); // BITN
          u8(1);
        }
        case DATETIME -> {
          u8(0x6F); // DATETIMN
          u8(8);
        }
        case TEXT -> {
          u8(0xE7); // NVARCHAR
          u16(512);
          out.writeBytes(new byte[] {0x09, 0x04, (byte) 0xD0, 0x00, 0x34}); // Latin1_General_CI_AS
        }
      }
      bVarchar(c);
    }
  }

  void row(List<String> columns, Map<String, Object> row) {
    u8(0xD1);
    for (String c : columns) {
      Object v = row.get(c);
      switch (typeOf(c)) {
        case LSN -> {
          if (v == null) {
            u8(0);
          } else {
            BigInteger n = new BigDecimal(v.toString()).toBigIntegerExact();
            u8(13);
            u8(n.signum() >= 0 ? 1 : 0);
            byte[] be = n.abs().toByteArray();
            for (int i = 0; i < 12; i++) {
              u8(i < be.length ? be[be.length - 1 - i] & 0xFF : 0);
            }
          }
        }
        case BIGINT -> {
          if (v == null) u8(0);
          else {
            u8(8);
            u64(((Number) v).longValue());
          }
        }
        case INT -> {
          if (v == null) u8(0);
          else {
            u8(4);
            u32(((Number) v).intValue());
          }
        }
        case BIT -> {
          if (v == null) u8(0);
          else {
            u8(1);
            u8(Boolean.TRUE.equals(v) ? 1 : 0);
          }
        }
        case DATETIME -> {
          if (v == null) {
            u8(0);
          } else {
            LocalDateTime t = (LocalDateTime) v;
            LocalDateTime base = LocalDateTime.of(1900, 1, 1, 0, 0);
            long days = ChronoUnit.DAYS.between(base.toLocalDate(), t.toLocalDate());
            long nanos = t.toLocalTime().toNanoOfDay();
            u8(8);
            u32(days);
            u32(Math.round(nanos / 1_000_000_000.0 * 300));
          }
        }
        case TEXT -> {
          if (v == null) {
            u16(0xFFFF);
          } else {
            byte[] b = v.toString().getBytes(StandardCharsets.UTF_16LE);
            u16(b.length);
            out.writeBytes(b);
          }
        }
      }
    }
  }

  enum Type {
    LSN,
    BIGINT,
    INT,
    BIT,
    DATETIME,
    TEXT
  }

  static Type typeOf(String column) {
    if (column.endsWith("_lsn")) return Type.LSN;
    if (column.endsWith("_time")) return Type.DATETIME;
    if (column.endsWith("_size")) return Type.BIGINT;
    if (column.equals("last_connect_error_number")) return Type.INT;
    if (column.startsWith("is_")) return Type.BIT;
    return Type.TEXT;
  }
}
