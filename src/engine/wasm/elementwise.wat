;; The engine's CPU elementwise kernels with WebAssembly SIMD, in place on float32 data in this module's memory: Relu,
;; Step (ReLU's gradient mask) and batch norm with given statistics. Each walks whole 4-lane vectors: the caller pads
;; the data to a multiple of 4 floats and ignores the padding's results. Addresses are byte offsets.
;; Built into src/engine/wasm/elementwiseModule.ts by `npx tsx scripts/build-wasm.ts`.
(module
  (memory (export "memory") 1)

  ;; x = max(x, 0): NaN stays NaN, −0 becomes +0 (WebAssembly's max orders −0 below +0), as tfjs's Relu.
  (func (export "relu") (param $p i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (block $done (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
    (loop $l
      (v128.store (local.get $p) (f32x4.max (v128.load (local.get $p)) (v128.const f32x4 0 0 0 0)))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br_if $l (i32.lt_u (local.get $p) (local.get $end))))))

  ;; x = x > 0 ? 1 : (x is NaN ? x : alpha), as tfjs's Step.
  (func (export "step") (param $p i32) (param $n i32) (param $alpha f32)
    (local $end i32) (local $v v128) (local $a v128)
    (local.set $a (f32x4.splat (local.get $alpha)))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (block $done (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
    (loop $l
      (local.set $v (v128.load (local.get $p)))
      (v128.store (local.get $p)
        (v128.bitselect
          (local.get $v)
          (v128.bitselect (v128.const f32x4 1 1 1 1) (local.get $a) (f32x4.gt (local.get $v) (v128.const f32x4 0 0 0 0)))
          (f32x4.ne (local.get $v) (local.get $v))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br_if $l (i32.lt_u (local.get $p) (local.get $end))))))

  ;; x = offset + (x − mean)·scale / root per channel (channel = index mod c, c a multiple of 4), in float64 and in
  ;; that order, then rounded once to float32: the same values as the JavaScript kernel (cpuBatchNormInference.ts).
  ;; $prm: four float64 arrays of c values each, mean, root (= √(variance + ε)), scale, offset.
  (func (export "bnInference") (param $p i32) (param $n i32) (param $c i32) (param $prm i32)
    (local $end i32) (local $j i32) (local $cb i32) (local $pm i32) (local $pr i32) (local $ps i32) (local $po i32)
    (local $v v128) (local $lo v128) (local $hi v128) (local $q i32)
    (local.set $cb (i32.shl (local.get $c) (i32.const 3)))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (block $done (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
    (loop $row
      (local.set $j (i32.const 0))
      (loop $col
        ;; channels j..j+3: parameters at byte j·8 of each array
        (local.set $q (i32.add (local.get $prm) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $pm (local.get $q))
        (local.set $pr (i32.add (local.get $q) (local.get $cb)))
        (local.set $ps (i32.add (local.get $pr) (local.get $cb)))
        (local.set $po (i32.add (local.get $ps) (local.get $cb)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $lo (f64x2.promote_low_f32x4 (local.get $v)))
        (local.set $hi (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))))
        (local.set $lo (f64x2.add (v128.load (local.get $po))
          (f64x2.div (f64x2.mul (f64x2.sub (local.get $lo) (v128.load (local.get $pm))) (v128.load (local.get $ps))) (v128.load (local.get $pr)))))
        (local.set $hi (f64x2.add (v128.load offset=16 (local.get $po))
          (f64x2.div (f64x2.mul (f64x2.sub (local.get $hi) (v128.load offset=16 (local.get $pm))) (v128.load offset=16 (local.get $ps))) (v128.load offset=16 (local.get $pr)))))
        (v128.store (local.get $p)
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            (f32x4.demote_f64x2_zero (local.get $lo)) (f32x4.demote_f64x2_zero (local.get $hi))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br_if $col (i32.lt_u (local.get $j) (local.get $c))))
      (br_if $row (i32.lt_u (local.get $p) (local.get $end))))))
)
