// Before any test file imports ExcelJS: its streaming reader with a decoder per stream (src/lib/exceljs-utf8.ts).
import '../src/lib/exceljs-utf8';
